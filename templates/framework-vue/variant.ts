import { clerkJsLayer } from '../../src/layers/clerk-js.js';
import { defineFramework } from '../../src/variants/types.js';

/** Vue 3 with @clerk/vue over the shared clerk-js set-up; .vue files type-checked by vue-tsc. */
export default defineFramework({
  id: 'vue',
  label: 'Vue',
  hint: 'Vue 3 with @clerk/vue, .vue files type-checked',
  layers: (options) => [
    clerkJsLayer(options),
    {
      templateDir: 'framework-vue',
      dependencies: ['vue', 'vue-router', '@clerk/vue'],
      // eslint-plugin-vue + its parser: eslint.config.mjs lints .vue files with TypeScript.
      devDependencies: ['@vitejs/plugin-vue', 'vue-tsc', 'eslint-plugin-vue', 'vue-eslint-parser'],
      // The renderer's project goes through vue-tsc, so .vue files are checked too. vue-tsc loads the
      // `typescript` package (6.0): no vue-tsc runs on TypeScript 7, which has no JavaScript API.
      scripts: { typecheck: { replaceSteps: { renderer: 'vue-tsc --noEmit -p tsconfig.web.json' } } },
      slots: {
        viteImports: "import vue from '@vitejs/plugin-vue';",
        rendererVitePlugins: 'vue()',
        rendererEntry: 'main.ts',
        readmeRemoteCards: ', `src/renderer/src/components/NotesCard.vue`',
        typecheckRendererNote: ' (vue-tsc, on TypeScript 6: vue-tsc does not support TypeScript 7 yet)',
        agentsTrpcClient: '`useTrpc()` and the composables in `src/kit/renderer/trpc-composables.ts`',
      },
    },
  ],
  backendUi: () => ({ templateDir: 'remote-ui-vue' }),
});

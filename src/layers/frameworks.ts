import type { Framework, ProjectOptions } from '../options.js';
import type { Layer, LayerFactory } from './types.js';

/** The renderer UI. Only this layer differs between frameworks; link, handler and auth are shared. */
export const frameworkLayers: Record<Framework, LayerFactory> = {
  react: () => ({
    templateDir: 'framework-react',
    // Bundled into out/renderer by Vite: build-time only, like everything but native modules.
    devDependencies: [
      'react',
      'react-dom',
      '@trpc/tanstack-react-query',
      '@tanstack/react-query',
      '@types/react',
      '@types/react-dom',
      '@vitejs/plugin-react',
      // Lint: eslint.framework.mjs (hooks rules; components-only modules for fast refresh)
      'eslint-plugin-react-hooks',
      'eslint-plugin-react-refresh',
    ],
    // @trpc/tanstack-react-query pins its @trpc peers to its own exact version; while its newest
    // release lags behind @trpc/client, npm needs this to accept the (compatible) 11.x pair.
    manifest: {
      overrides: {
        '@trpc/tanstack-react-query': { '@trpc/client': '$@trpc/client', '@trpc/server': '$@trpc/server' },
      },
    },
  }),
  // Vue and vanilla get clerk-js from clerkJsLayer below.
  vue: () => ({
    templateDir: 'framework-vue',
    dependencies: ['vue', '@clerk/vue'],
    // eslint-plugin-vue + its parser: eslint.framework.mjs lints .vue files with TypeScript.
    // vue-tsc loads the `typescript` package (6.0): no vue-tsc runs on TypeScript 7, which has no JS API.
    devDependencies: ['@vitejs/plugin-vue', 'vue-tsc', 'eslint-plugin-vue', 'vue-eslint-parser'],
  }),
  vanilla: () => ({
    templateDir: 'framework-vanilla',
  }),
};

/**
 * What Vue and vanilla share: clerk-js configured for Electron's native mode (they import
 * @clerk/clerk-js and @clerk/shared directly, and pnpm only resolves declared dependencies)
 * (src/renderer/src/lib/clerk-native.ts), the vanilla tRPC client and the setup-screen check.
 */
export const clerkJsLayer: LayerFactory = () => ({
  templateDir: 'clerk-js',
  dependencies: ['@clerk/clerk-js', '@clerk/shared'],
});

/** The renderer's layers in order: React brings its own Clerk set-up, the others share clerk-js's. */
export function rendererLayers(options: ProjectOptions): Layer[] {
  const ui = frameworkLayers[options.framework](options);
  return options.framework === 'react' ? [ui] : [clerkJsLayer(options), ui];
}


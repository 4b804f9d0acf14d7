import type { Framework, ProjectOptions } from '../options.js';
import { baseLayer } from './base.js';
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
    ],
    // @trpc/tanstack-react-query pins its @trpc peers to its own exact version; while its newest
    // release lags behind @trpc/client, npm needs this to accept the (compatible) 11.x pair.
    manifest: {
      overrides: {
        '@trpc/tanstack-react-query': { '@trpc/client': '$@trpc/client', '@trpc/server': '$@trpc/server' },
      },
    },
  }),
  // Vue and vanilla configure clerk-js for Electron themselves (src/renderer/src/lib/clerk-native.ts),
  // so they import @clerk/clerk-js and @clerk/shared directly (pnpm only resolves declared deps).
  vue: (options) => ({
    templateDir: 'framework-vue',
    dependencies: ['vue', '@clerk/vue'],
    devDependencies: ['@vitejs/plugin-vue', 'vue-tsc'],
    // vue-tsc checks the renderer, .vue files included.
    scripts: { typecheck: withVueTsc(baseLayer(options).scripts?.typecheck ?? '') },
  }),
  vanilla: () => ({
    templateDir: 'framework-vanilla',
  }),
};

/**
 * What Vue and vanilla share: clerk-js configured for Electron's native mode
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

/** Base's typecheck script with the renderer's project checked by vue-tsc instead of tsc. */
export function withVueTsc(typecheck: string): string {
  const web = 'tsc --noEmit -p tsconfig.web.json';
  if (!typecheck.split(' && ').includes(web)) {
    throw new Error(`The base typecheck script no longer runs "${web}": update withVueTsc.`);
  }
  return typecheck
    .split(' && ')
    .map((step) => (step === web ? `vue-${web}` : step))
    .join(' && ');
}

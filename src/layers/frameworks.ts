import type { Framework } from '../options.js';
import type { LayerFactory } from './types.js';

/** The renderer UI. Only this layer differs between frameworks; link, handler and auth are shared. */
export const frameworkLayers: Record<Framework, LayerFactory> = {
  react: () => ({
    templateDir: 'framework-react',
    dependencies: ['react', 'react-dom', '@trpc/tanstack-react-query', '@tanstack/react-query'],
    devDependencies: ['@types/react', '@types/react-dom', '@vitejs/plugin-react'],
    // @trpc/tanstack-react-query pins its @trpc peers to its own exact version; while its newest
    // release lags behind @trpc/client, npm needs this to accept the (compatible) 11.x pair.
    manifest: {
      overrides: {
        '@trpc/tanstack-react-query': { '@trpc/client': '$@trpc/client', '@trpc/server': '$@trpc/server' },
      },
    },
  }),
  vue: () => ({
    templateDir: 'framework-vue',
  }),
  vanilla: () => ({
    templateDir: 'framework-vanilla',
  }),
};

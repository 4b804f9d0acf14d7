import { defineFramework } from '../../src/variants/types.js';

/** React 19 with @clerk/electron's React SDK; tRPC through TanStack Query. */
export default defineFramework({
  id: 'react',
  label: 'React',
  hint: 'React 19, Clerk components, tRPC through TanStack Query',
  layers: () => [
    {
      templateDir: 'framework-react',
      // Bundled into out/renderer by Vite: build-time only, like everything but native modules.
      devDependencies: [
        'react',
        'react-dom',
        'react-router',
        '@trpc/tanstack-react-query',
        '@tanstack/react-query',
        '@types/react',
        '@types/react-dom',
        '@vitejs/plugin-react',
        // Lint (eslint.config.mjs): hooks rules; components-only modules for fast refresh
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
      slots: {
        viteImports: "import react from '@vitejs/plugin-react';",
        rendererVitePlugins: 'react()',
        rendererEntry: 'main.tsx',
        tsJsx: 'react-jsx',
        readmeRemoteCards: ', `src/renderer/src/screens/Notes.tsx`',
        agentsTrpcClient: '`useTRPC()` with TanStack Query',
      },
    },
  ],
  backendUi: () => ({ templateDir: 'remote-ui-react' }),
});

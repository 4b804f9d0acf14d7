import { clerkJsLayer } from '../../src/layers/clerk-js.js';
import { defineFramework } from '../../src/variants/types.js';

/** No UI framework: plain TypeScript views over the shared clerk-js set-up. */
export default defineFramework({
  id: 'vanilla',
  label: 'Vanilla TypeScript',
  hint: 'no UI framework: Clerk mounts its own sign-in',
  layers: (options) => [
    clerkJsLayer(options),
    {
      templateDir: 'framework-vanilla',
      slots: {
        rendererEntry: 'main.ts',
        readmeRemoteCards: ', `src/renderer/src/views/remote-cards.ts`',
        agentsTrpcClient: 'the client from `src/kit/renderer/trpc.ts`',
      },
    },
  ],
  backendUi: () => ({ templateDir: 'remote-ui-vanilla' }),
});

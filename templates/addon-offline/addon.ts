import { defineAddon } from '../../src/addons/types.js';

/**
 * Last good answers and queued changes while the backend cannot be reached. Its files replace the
 * default src/main/remote/offline.ts (which only reports reachability) and add the owner's
 * src/main/offline-policy.ts, where each backend procedure's offline behaviour is declared once, and
 * the backend's Idempotency-Key middleware, so that a queued change retried is applied once.
 */
export default defineAddon({
  id: 'offline',
  label: 'Offline data',
  hint: "last good answers and queued changes while the backend can't be reached",
  requiresBackend: true,
  layer: () => ({
    templateDir: 'addon-offline',
    slots: {
      mainImports: "import './offline-policy';",
      backendTrpcImports: "import { onceByKey } from './idempotency';",
      backendProtectedMiddlewares: 'onceByKey',
      readmeLayout: "src/main/offline-policy.ts each backend procedure's offline behaviour: last good answer, queued",
    },
  }),
});

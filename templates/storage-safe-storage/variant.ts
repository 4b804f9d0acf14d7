import { defineTokenStorage } from '../../src/variants/types.js';

/** Electron's safeStorage: nothing to install. README bullet: slots/readmeTokenStorage.hbs. */
export default defineTokenStorage({
  id: 'safe-storage',
  label: 'safe-storage',
  hint: 'encrypted on disk with Electron safeStorage',
  layer: () => ({ templateDir: 'storage-safe-storage', features: ['osSecretStore'] }),
});

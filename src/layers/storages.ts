import type { TokenStorage } from '../options.js';
import type { LayerFactory } from './types.js';

/**
 * Where main keeps Clerk's long-lived client token (@clerk/electron's TokenStorage).
 * Every storage layer writes src/main/storage/token-storage.ts exporting the same
 * `createTokenStorage({ appId, log? })`, plus its tests under test/storage/.
 */
export const storageLayers: Record<TokenStorage, LayerFactory> = {
  // Electron's safeStorage: nothing to install.
  'safe-storage': () => ({ templateDir: 'storage-safe-storage' }),
  // Prebuilt N-API binaries arrive as optional dependencies (@napi-rs/keyring-<platform>):
  // no install script, nothing to rebuild for Electron.
  keychain: () => ({ templateDir: 'storage-keychain', dependencies: ['@napi-rs/keyring'] }),
  memory: () => ({ templateDir: 'storage-memory' }),
};

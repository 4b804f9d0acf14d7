import type { TokenStorage } from '../options.js';
import type { LayerFactory } from './types.js';

/** Where main keeps Clerk's long-lived client token (@clerk/electron's TokenStorage). */
export const storageLayers: Record<TokenStorage, LayerFactory> = {
  'safe-storage': () => ({ templateDir: 'storage-safe-storage' }),
  keychain: () => ({ templateDir: 'storage-keychain' }),
  memory: () => ({ templateDir: 'storage-memory' }),
};

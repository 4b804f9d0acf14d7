/**
 * Where main keeps Clerk's long-lived client token (`@clerk/electron`'s TokenStorage).
 *
 *   createTokenStorage(options: {
 *     appId: string;
 *     log?: (message: string) => void;            // default console.warn
 *     allowPlaintextWithoutSecretStore?: boolean; // default false, see below
 *   }): TokenStorage
 *
 * This app was generated with `--token-storage safe-storage`: the token is encrypted with
 * Electron's `safeStorage` (Keychain on macOS, DPAPI on Windows, the desktop's secret store on
 * Linux) and kept in `<userData>/clerk-token-storage.json` (mode 0600, written atomically).
 *
 * On Linux without a secret store Electron falls back to its `basic_text` backend, whose key is a
 * constant: "encrypted" data there is as good as plaintext. The token is then kept in memory only
 * (the user signs in again at the next launch) unless you pass
 * `allowPlaintextWithoutSecretStore: true`, which writes it protected by that constant key.
 *
 * Only this file touches Electron; the logic lives in ./encrypted-token-storage and is tested
 * under Node against a fake safeStorage.
 */
import { join } from 'node:path';

import type { TokenStorage } from '@clerk/electron';
import { app, safeStorage } from 'electron';

import { createEncryptedTokenStorage } from './encrypted-token-storage';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { createTokenFile } from './token-file';

export interface TokenStorageOptions {
  /** The app id (e.g. com.example.my-app). The file lives in the app's own userData folder. */
  appId: string;
  log?: (message: string) => void;
  /** Linux without a secret store only: persist the token anyway (effectively plaintext). */
  allowPlaintextWithoutSecretStore?: boolean;
}

export const TOKEN_FILE_NAME = 'clerk-token-storage.json';

export function createTokenStorage(options: TokenStorageOptions): TokenStorage {
  return createEncryptedTokenStorage({
    cipher: createSafeStorageCipher(safeStorage, process.platform),
    // Resolved on first use: userData is final only once the app has set its name and is ready.
    file: createTokenFile(() => join(app.getPath('userData'), TOKEN_FILE_NAME)),
    allowPlaintextWithoutSecretStore: options.allowPlaintextWithoutSecretStore ?? false,
    log: options.log ?? ((message) => console.warn(message)),
  });
}

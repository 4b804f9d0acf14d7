/**
 * Where main keeps Clerk's long-lived client token (`@clerk/electron`'s TokenStorage).
 *
 *   createTokenStorage(options: { appId: string; log?: (message: string) => void }): TokenStorage
 *
 * This app was generated with `--token-storage memory`: nothing is written anywhere, so the
 * user signs in again at every launch. The short-lived session JWT that rides on IPC calls is
 * memory-only whatever the storage (see src/kit/ipc/main/fresh-token.ts).
 */
import type { TokenStorage } from '@clerk/electron';

import { createMemoryTokenStorage } from './memory-storage';

export interface TokenStorageOptions {
  /** The app id (e.g. com.example.my-app); unused here, accepted so every storage is called alike. */
  appId: string;
  log?: (message: string) => void;
}

export function createTokenStorage(_options: TokenStorageOptions): TokenStorage {
  return createMemoryTokenStorage();
}

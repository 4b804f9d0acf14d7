/**
 * Where main keeps Clerk's long-lived client token (`@clerk/electron`'s TokenStorage).
 *
 *   createTokenStorage(options: { appId: string; log?: (message: string) => void }): TokenStorage
 *
 * This app was generated with `--token-storage keychain`: the token lives in the OS credential
 * store (macOS Keychain, Windows Credential Manager, the Secret Service or the kernel keyring on
 * Linux) through `@napi-rs/keyring`, as the entry service = app id, account = Clerk's key name.
 * A locked or missing keychain (or any keyring error) never crashes the app: the token is then
 * kept in memory for this session and the user signs in again at the next launch (logged once).
 *
 * Only this file touches the native module, and only when first needed; the logic lives in
 * ./keychain-token-storage and is tested under Node against a fake keychain.
 */
import type { TokenStorage } from '@clerk/electron';

import { createKeychainTokenStorage, type OpenKeychainEntry } from './keychain-token-storage';

export interface TokenStorageOptions {
  /** The app id (e.g. com.example.my-app): the keychain service name of the entries. */
  appId: string;
  log?: (message: string) => void;
}

/** Loaded lazily so that a missing prebuilt binary is a keyring error like any other, not a crash. */
async function loadKeyring(): Promise<OpenKeychainEntry> {
  const { AsyncEntry } = await import('@napi-rs/keyring');
  return (service, account) => new AsyncEntry(service, account);
}

export function createTokenStorage(options: TokenStorageOptions): TokenStorage {
  return createKeychainTokenStorage({
    service: options.appId,
    openKeychain: loadKeyring,
    log: options.log ?? ((message) => console.warn(message)),
  });
}

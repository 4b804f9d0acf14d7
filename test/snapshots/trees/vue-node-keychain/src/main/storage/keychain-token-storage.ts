import type { TokenStorage } from '@clerk/electron';

/** One credential in the OS store (the shape of `@napi-rs/keyring`'s AsyncEntry): the seam tests fake. */
export interface KeychainEntry {
  /** Resolves null when there is no such credential; rejects when the store cannot be read. */
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  /** Resolves false when there was nothing to delete; rejects when the store cannot be changed. */
  deletePassword(): Promise<boolean>;
}

export type OpenKeychainEntry = (service: string, account: string) => KeychainEntry;

export interface KeychainTokenStorageOptions {
  /** The keychain service name of every entry: the app id. The account is the storage key. */
  service: string;
  /** Gives access to the OS store; rejects when it cannot be loaded. Called once, on first use. */
  openKeychain: () => Promise<OpenKeychainEntry>;
  log: (message: string) => void;
}

const PREFIX = '[token-storage]';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A TokenStorage in the OS credential store. The first time the store fails (locked, missing,
 * denied, no native binary), the storage switches to memory for the rest of the session: the
 * user stays signed in until the app quits and signs in again at the next launch. This process is
 * the only writer of its entries (single-instance app), so what it read or wrote is remembered.
 * An entry that cannot be read while the store itself works is corrupt: it is deleted (signed out).
 */
export function createKeychainTokenStorage(options: KeychainTokenStorageOptions): TokenStorage {
  let keychain: Promise<OpenKeychainEntry> | undefined;
  let inMemoryOnly = false;
  /**
   * What each key holds for this session. Clerk reads its token before every request: the OS store
   * is asked once per key, and after a failure this map is the only storage left.
   */
  const known = new Map<string, string | null>();
  let corruptReported = false;
  let queue: Promise<unknown> = Promise.resolve();

  function serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = queue.then(operation);
    queue = result.catch(() => undefined);
    return result;
  }

  function fallBackToMemory(error: unknown): void {
    if (inMemoryOnly) return;
    inMemoryOnly = true;
    options.log(
      `${PREFIX} The OS keychain is unavailable (${describe(error)}): the token is kept in memory for this session and the user signs in again at the next launch.`,
    );
  }

  function reportCorrupt(): void {
    if (corruptReported) return;
    corruptReported = true;
    options.log(`${PREFIX} A stored token could not be read and was removed: signed out.`);
  }

  async function entry(key: string): Promise<KeychainEntry> {
    keychain ??= options.openKeychain();
    return (await keychain)(options.service, key);
  }

  async function read(key: string): Promise<string | null> {
    if (known.has(key)) return known.get(key) ?? null;
    const value = inMemoryOnly ? null : await readStored(key);
    known.set(key, value);
    return value;
  }

  async function readStored(key: string): Promise<string | null> {
    let credential: KeychainEntry;
    try {
      credential = await entry(key);
    } catch (error) {
      fallBackToMemory(error);
      return null;
    }
    let password: string | null;
    try {
      password = await credential.getPassword();
    } catch (readError) {
      // Unreadable: if the store still lets us delete the entry, the entry was the problem.
      try {
        await credential.deletePassword();
      } catch {
        fallBackToMemory(readError);
        return null;
      }
      reportCorrupt();
      return null;
    }
    if (password === '') {
      await credential.deletePassword().catch(() => undefined);
      reportCorrupt();
      return null;
    }
    return password;
  }

  async function write(key: string, value: string): Promise<void> {
    known.set(key, value);
    if (inMemoryOnly) return;
    try {
      await (await entry(key)).setPassword(value);
    } catch (error) {
      fallBackToMemory(error);
    }
  }

  async function remove(key: string): Promise<void> {
    known.set(key, null);
    try {
      await (await entry(key)).deletePassword();
    } catch (error) {
      // Signing out must not fail; a token left in a store we cannot change is reported once.
      fallBackToMemory(error);
    }
  }

  return {
    getItem: (key) => serialized(() => read(key)),
    setItem: (key, value) => serialized(() => write(key, value)),
    removeItem: (key) => serialized(() => remove(key)),
  };
}

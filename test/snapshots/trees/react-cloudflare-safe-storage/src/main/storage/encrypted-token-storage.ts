import type { TokenStorage } from '@clerk/electron';

import type { Protection, TokenCipher } from './safe-storage-cipher';
import type { StoredToken, TokenFile } from './token-file';

export interface EncryptedTokenStorageOptions {
  cipher: TokenCipher;
  file: TokenFile;
  /** Persist under Linux's `basic_text` backend (a constant key: effectively plaintext). */
  allowPlaintextWithoutSecretStore: boolean;
  log: (message: string) => void;
}

const PREFIX = '[token-storage]';

/**
 * A TokenStorage encrypted at rest. Whatever goes wrong (no encryption, a corrupt file, an entry
 * this machine cannot decrypt, a failed write) ends in "signed out" or "kept for this session
 * only", never in an exception: Clerk then simply asks the user to sign in.
 */
export function createEncryptedTokenStorage(options: EncryptedTokenStorageOptions): TokenStorage {
  const { cipher, file, allowPlaintextWithoutSecretStore } = options;
  /** The file's tokens, read once; this process is the only writer (single-instance app). */
  let stored: Map<string, StoredToken> | undefined;
  /**
   * What each key holds for this session, persisted or not: Clerk reads its token before every
   * request, so a key is decrypted once, not on every read; values that could not be persisted
   * live here until the app quits.
   */
  const known = new Map<string, string | null>();
  const warned = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  function warnOnce(reason: string, message: string): void {
    if (warned.has(reason)) return;
    warned.add(reason);
    options.log(`${PREFIX} ${message}`);
  }

  /** Runs operations one at a time, so reads never see a half-applied write. */
  function serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = queue.then(operation);
    queue = result.catch(() => undefined);
    return result;
  }

  async function load(): Promise<Map<string, StoredToken>> {
    if (stored) return stored;
    try {
      const contents = await file.read();
      if (contents.corrupt) {
        warnOnce('corrupt', 'The token file was damaged; its unreadable part is ignored (signed out).');
      }
      stored = new Map(Object.entries(contents.tokens));
    } catch {
      warnOnce('unreadable', 'The token file could not be read; starting signed out.');
      stored = new Map();
    }
    return stored;
  }

  /** Returns false when the file could not be written. */
  async function save(): Promise<boolean> {
    try {
      await file.write(Object.fromEntries(await load()));
      return true;
    } catch {
      warnOnce('write', 'The token file could not be written; the sign-in lasts until the app quits.');
      return false;
    }
  }

  function canPersist(protection: Protection): protection is 'os' | 'basic_text' {
    if (protection === 'os') return true;
    if (protection === 'basic_text') {
      if (allowPlaintextWithoutSecretStore) {
        warnOnce(
          'basic_text-opt-in',
          'No OS secret store (safeStorage backend basic_text): the token is persisted with a constant key, i.e. effectively in plaintext, because allowPlaintextWithoutSecretStore is on.',
        );
        return true;
      }
      warnOnce(
        'basic_text',
        'No OS secret store (safeStorage backend basic_text): the token is kept in memory only and the user signs in again at the next launch. Install a secret store (gnome-keyring, KWallet) or pass allowPlaintextWithoutSecretStore: true to createTokenStorage to persist it unprotected.',
      );
      return false;
    }
    warnOnce(
      'unavailable',
      'OS encryption is unavailable: the token is kept in memory only and the user signs in again at the next launch.',
    );
    return false;
  }

  async function persist(key: string, value: string, protection: 'os' | 'basic_text'): Promise<boolean> {
    let data: string;
    try {
      data = (await cipher.encrypt(value)).toString('base64');
    } catch {
      warnOnce('encrypt', 'The token could not be encrypted; the sign-in lasts until the app quits.');
      return false;
    }
    (await load()).set(key, { protection, data });
    return save();
  }

  async function forget(key: string): Promise<void> {
    if ((await load()).delete(key)) await save();
  }

  async function read(key: string): Promise<string | null> {
    if (known.has(key)) return known.get(key) ?? null;
    const value = await readStored(key);
    // Before the app is ready nothing can be decrypted yet: read the file again next time.
    if (value !== null || (await cipher.protection()) !== 'unavailable') known.set(key, value);
    return value;
  }

  async function readStored(key: string): Promise<string | null> {
    const token = (await load()).get(key);
    if (!token) return null;
    if (token.protection === 'basic_text' && !allowPlaintextWithoutSecretStore) {
      // Left by an earlier build that opted in; this one does not want plaintext on disk.
      await forget(key);
      return null;
    }
    const protection = await cipher.protection();
    // The OS key may be back later (a secret store not started yet): ignore the token, keep it.
    if (protection === 'unavailable' || (token.protection === 'os' && protection !== 'os')) return null;
    try {
      const { value, shouldReEncrypt } = await cipher.decrypt(Buffer.from(token.data, 'base64'));
      const upgrade = shouldReEncrypt || token.protection !== protection;
      if (upgrade && canPersist(protection)) await persist(key, value, protection);
      return value;
    } catch {
      warnOnce(
        'undecryptable',
        'A stored token could not be decrypted (another machine or user, or a new OS key); treated as signed out.',
      );
      await forget(key);
      return null;
    }
  }

  async function write(key: string, value: string): Promise<void> {
    known.set(key, value);
    const protection = await cipher.protection();
    if (canPersist(protection) && (await persist(key, value, protection))) return;
    // Kept for this session only; an older token on disk must not come back at the next launch.
    await forget(key);
  }

  async function remove(key: string): Promise<void> {
    known.set(key, null);
    await forget(key);
  }

  return {
    getItem: (key) => serialized(() => read(key)),
    setItem: (key, value) => serialized(() => write(key, value)),
    removeItem: (key) => serialized(() => remove(key)),
  };
}

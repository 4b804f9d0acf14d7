/**
 * Where main keeps Clerk's long-lived client token (`@clerk/electron`'s TokenStorage): encrypted with Electron's
 * `safeStorage` (Keychain, DPAPI, the desktop's secret store) in `<userData>/clerk-token-storage.json`, mode 0600,
 * written atomically; without a secret store (Linux's `basic_text`) in memory only, unless the app opts in.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TokenStorage } from '@clerk/electron';
import { app, dialog, safeStorage, type SafeStorage } from 'electron';

/** `appId`: unused here (the file lives in the app's own userData folder). */
export function createTokenStorage(options: { appId: string; allowPlaintextWithoutSecretStore?: boolean }): TokenStorage {
  return createEncryptedTokenStorage({
    allowPlaintextWithoutSecretStore: options.allowPlaintextWithoutSecretStore,
    cipher: createSafeStorageCipher(safeStorage, process.platform),
    // Resolved on first use: userData is final only once the app has set its name and is ready.
    file: createTokenFile(() => join(app.getPath('userData'), 'clerk-token-storage.json')),
    log: (message) => console.warn(message),
    warnUser: (message) => void dialog.showMessageBox({ type: 'warning', message: 'Sign-in not saved', detail: message }),
  });
}

/** What protects a token encrypted now: the OS secret store's key, Linux's constant key, or nothing (e.g. app not ready). */
export type Protection = 'os' | 'basic_text' | 'unavailable';
export type SafeStorageApi = Omit<SafeStorage, 'setUsePlainTextEncryption'>;
export type TokenCipher = ReturnType<typeof createSafeStorageCipher>;

/**
 * Electron's safeStorage: its asynchronous API when it says it is available (it may not be in unsigned
 * builds), else the synchronous one, whose data the asynchronous one can still read. `encrypt` / `decrypt` throw
 * without encryption, or on data this machine and user cannot decrypt (another's, or under a replaced key).
 */
export function createSafeStorageCipher(safeStorage: SafeStorageApi, platform: NodeJS.Platform) {
  let mode: 'async' | 'sync' | undefined;
  async function detectMode(): Promise<typeof mode> {
    if (mode) return mode;
    if (await safeStorage.isAsyncEncryptionAvailable().catch(() => false)) mode = 'async';
    else if (safeStorage.isEncryptionAvailable()) mode = 'sync';
    return mode;
  }
  return {
    async protection(): Promise<Protection> {
      if (!(await detectMode())) return 'unavailable';
      if (platform !== 'linux') return 'os';
      const backend = safeStorage.getSelectedStorageBackend();
      // `unknown`: the app is not ready yet, nothing is known about the key's protection.
      return backend === 'basic_text' ? 'basic_text' : backend === 'unknown' ? 'unavailable' : 'os';
    },
    async encrypt(plainText: string): Promise<Buffer> {
      return (await detectMode()) === 'async' ? safeStorage.encryptStringAsync(plainText) : safeStorage.encryptString(plainText);
    },
    async decrypt(encrypted: Buffer): Promise<{ value: string; shouldReEncrypt: boolean }> {
      if ((await detectMode()) !== 'async') return { value: safeStorage.decryptString(encrypted), shouldReEncrypt: false };
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
      return { value: result, shouldReEncrypt };
    },
  };
}

/** One stored token: its ciphertext (base64) and what protected it when it was written. */
type StoredToken = { protection: 'os' | 'basic_text'; data: string };

const FORMAT_VERSION = 1;

/** Keeps every well-formed token; `corrupt`: (part of) the file could not be understood. */
export function parseTokenFile(text: string): { tokens: Record<string, StoredToken>; corrupt: boolean } {
  let tokens: unknown;
  try {
    const parsed = JSON.parse(text) as { version?: unknown; tokens?: unknown } | null;
    if (parsed?.version === FORMAT_VERSION) tokens = parsed.tokens;
  } catch {
    // Not JSON: corrupt.
  }
  if (typeof tokens !== 'object' || tokens === null || Array.isArray(tokens)) return { tokens: {}, corrupt: true };
  const valid = Object.entries(tokens).filter(([, token]) => {
    const { protection, data } = (token ?? {}) as Record<string, unknown>;
    return (protection === 'os' || protection === 'basic_text') && typeof data === 'string' && data.length > 0;
  });
  return { tokens: Object.fromEntries(valid), corrupt: valid.length !== Object.keys(tokens).length };
}

const ignoreMissing = (error: unknown) => {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT') throw error;
};

/** The token file at a path resolved on first use; writing no tokens deletes it. */
export function createTokenFile(resolvePath: () => string) {
  let resolved: string | undefined;
  const filePath = () => (resolved ??= resolvePath());
  return {
    async read(): Promise<ReturnType<typeof parseTokenFile>> {
      const text = await readFile(filePath(), 'utf8').catch(ignoreMissing);
      return text === undefined ? { tokens: {}, corrupt: false } : parseTokenFile(text);
    },
    async write(tokens: Record<string, StoredToken>): Promise<void> {
      const path = filePath();
      if (Object.keys(tokens).length === 0) return unlink(path).catch(ignoreMissing);
      // A temporary file next to the target, flushed, then renamed over it.
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const temporary = `${path}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, JSON.stringify({ version: FORMAT_VERSION, tokens }), { flag: 'wx', mode: 0o600, flush: true });
        await rename(temporary, path);
      } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw error;
      }
    },
  };
}

/** What the log and the user are told when a sign-in cannot outlast the app. */
const MEMORY_ONLY = {
  unavailable: {
    log: 'OS encryption is unavailable: the token is kept in memory only and the user signs in again at the next launch.',
    user: "the system's encryption is unavailable (on Linux: install and unlock a secret store such as gnome-keyring).",
  },
  basic_text: {
    log: 'No OS secret store (safeStorage backend basic_text): the token is kept in memory only. Install one (gnome-keyring, KWallet) or pass allowPlaintextWithoutSecretStore: true to createTokenStorage to persist it unprotected.',
    user: 'this computer has no secret store. Install one (Debian/Ubuntu: sudo apt install gnome-keyring) and log in to a desktop session that starts it.',
  },
};

/**
 * A TokenStorage encrypted at rest. Whatever goes wrong (no encryption, a corrupt file, an entry this machine cannot
 * decrypt, a failed write) ends in "signed out" or "kept for this session only", never in an exception.
 */
export function createEncryptedTokenStorage(options: {
  cipher: TokenCipher;
  file: ReturnType<typeof createTokenFile>;
  allowPlaintextWithoutSecretStore?: boolean;
  log: (message: string) => void;
  /** Told once, for the user, when the sign-in cannot outlast the app. */
  warnUser: (message: string) => void;
}): TokenStorage {
  const { cipher, file, allowPlaintextWithoutSecretStore } = options;
  /** The file's tokens, read once; this process is the only writer (single-instance app). */
  let stored: Map<string, StoredToken> | undefined;
  /** What each key holds for this session (decrypted once; values that could not be persisted live here). */
  const known = new Map<string, string | null>();
  const warned = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  /** Logs a message the first time only; true then. */
  function warnOnce(message: string): boolean {
    if (warned.has(message)) return false;
    warned.add(message);
    options.log(`[token-storage] ${message}`);
    return true;
  }

  /** One operation at a time, so reads never see a half-applied write. */
  function serialized<T>(operation: () => Promise<T>): Promise<T> {
    const result = queue.then(operation);
    queue = result.catch(() => undefined);
    return result;
  }

  async function load(): Promise<Map<string, StoredToken>> {
    if (stored) return stored;
    try {
      const contents = await file.read();
      if (contents.corrupt) warnOnce('The token file was damaged; its unreadable part is ignored (signed out).');
      stored = new Map(Object.entries(contents.tokens));
    } catch {
      warnOnce('The token file could not be read; starting signed out.');
      stored = new Map();
    }
    return stored;
  }

  /** False when the file could not be written. */
  async function save(): Promise<boolean> {
    try {
      await file.write(Object.fromEntries(await load()));
      return true;
    } catch {
      warnOnce('The token file could not be written; the sign-in lasts until the app quits.');
      return false;
    }
  }

  function canPersist(protection: Protection): protection is 'os' | 'basic_text' {
    if (protection === 'os') return true;
    if (protection === 'basic_text' && allowPlaintextWithoutSecretStore) {
      warnOnce(
        'No OS secret store (safeStorage backend basic_text): the token is persisted with a constant key, i.e. effectively in plaintext, because allowPlaintextWithoutSecretStore is on.',
      );
      return true;
    }
    const { log, user } = MEMORY_ONLY[protection];
    if (warnOnce(log)) options.warnUser(`Your sign-in is kept only until the app quits: ${user}`);
    return false;
  }

  async function persist(key: string, value: string, protection: 'os' | 'basic_text'): Promise<boolean> {
    const encrypted = await cipher.encrypt(value).catch(() => null);
    if (!encrypted) {
      warnOnce('The token could not be encrypted; the sign-in lasts until the app quits.');
      return false;
    }
    (await load()).set(key, { protection, data: encrypted.toString('base64') });
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
    // Left by an earlier build that opted in to plaintext; this one does not want it on disk.
    if (token.protection === 'basic_text' && !allowPlaintextWithoutSecretStore) return forget(key).then(() => null);
    const protection = await cipher.protection();
    // The OS key may be back later (a secret store not started yet): ignore the token, keep it.
    if (protection === 'unavailable' || (token.protection === 'os' && protection !== 'os')) return null;
    try {
      const { value, shouldReEncrypt } = await cipher.decrypt(Buffer.from(token.data, 'base64'));
      if ((shouldReEncrypt || token.protection !== protection) && canPersist(protection)) await persist(key, value, protection);
      return value;
    } catch {
      warnOnce('A stored token could not be decrypted (another machine or user, or a new OS key); treated as signed out.');
      return forget(key).then(() => null);
    }
  }

  async function write(key: string, value: string): Promise<void> {
    known.set(key, value);
    const protection = await cipher.protection();
    if (canPersist(protection) && (await persist(key, value, protection))) return;
    // Kept for this session only; an older token on disk must not come back at the next launch.
    await forget(key);
  }

  return {
    getItem: (key) => serialized(() => read(key)),
    setItem: (key, value) => serialized(() => write(key, value)),
    removeItem: (key) =>
      serialized(() => {
        known.set(key, null);
        return forget(key);
      }),
  };
}

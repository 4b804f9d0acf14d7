import type { SafeStorage } from 'electron';

/**
 * What would protect a token encrypted right now:
 * - `os`: a key held by the OS secret store (Keychain, DPAPI, libsecret, KWallet);
 * - `basic_text`: Linux without a secret store, where Electron uses a constant key (as good as plaintext);
 * - `unavailable`: no encryption at all (for instance before the app is ready).
 */
export type Protection = 'os' | 'basic_text' | 'unavailable';

export interface TokenCipher {
  protection(): Promise<Protection>;
  /** Throws when encryption fails. */
  encrypt(plainText: string): Promise<Buffer>;
  /** Throws when the data cannot be decrypted (another machine or user, a rotated key, garbage). */
  decrypt(encrypted: Buffer): Promise<{ value: string; shouldReEncrypt: boolean }>;
}

/** The part of Electron's `safeStorage` this module uses: the seam that tests fake. */
export type SafeStorageApi = Pick<
  SafeStorage,
  | 'isEncryptionAvailable'
  | 'encryptString'
  | 'decryptString'
  | 'getSelectedStorageBackend'
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
>;

type Mode = 'async' | 'sync';

/**
 * Adapts Electron's safeStorage. The asynchronous API is used when it says it is available (it may
 * not be in unsigned builds); otherwise the synchronous one. Data written by the synchronous API can
 * be read by the asynchronous one, so a later signed build still reads older entries.
 */
export function createSafeStorageCipher(safeStorage: SafeStorageApi, platform: NodeJS.Platform): TokenCipher {
  let resolvedMode: Mode | undefined;

  async function detectMode(): Promise<Mode | undefined> {
    if (resolvedMode) return resolvedMode;
    let asyncAvailable: boolean;
    try {
      asyncAvailable = await safeStorage.isAsyncEncryptionAvailable();
    } catch {
      asyncAvailable = false;
    }
    if (asyncAvailable) resolvedMode = 'async';
    else if (safeStorage.isEncryptionAvailable()) resolvedMode = 'sync';
    return resolvedMode;
  }

  async function requireMode(): Promise<Mode> {
    const mode = await detectMode();
    if (!mode) throw new Error('OS encryption is not available');
    return mode;
  }

  return {
    async protection() {
      if (!(await detectMode())) return 'unavailable';
      if (platform !== 'linux') return 'os';
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text') return 'basic_text';
      // `unknown` means the app is not ready yet: nothing is known about the key's protection.
      return backend === 'unknown' ? 'unavailable' : 'os';
    },
    async encrypt(plainText) {
      return (await requireMode()) === 'async' ? safeStorage.encryptStringAsync(plainText) : safeStorage.encryptString(plainText);
    },
    async decrypt(encrypted) {
      if ((await requireMode()) === 'async') {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
        return { value: result, shouldReEncrypt };
      }
      return { value: safeStorage.decryptString(encrypted), shouldReEncrypt: false };
    },
  };
}

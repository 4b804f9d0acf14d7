import type { SafeStorageApi } from '../../src/kit/main/storage/token-storage';

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

export interface FakeSafeStorageOptions {
  /** Stands for the OS key: data encrypted under one key does not decrypt under another. */
  key?: string;
  /** Keys that still decrypt (a rotated-away key), without being used to encrypt. */
  formerKeys?: string[];
  backend?: Backend;
  syncAvailable?: boolean;
  asyncAvailable?: boolean;
  /** Makes decryptStringAsync ask for re-encryption (a rotated key). */
  askReEncrypt?: boolean;
}

/**
 * A stand-in for Electron's safeStorage. Its "ciphertext" hides the text (so tests can check no
 * plaintext reaches the disk) and is bound to `key`, like data bound to one machine's OS key.
 */
export function createFakeSafeStorage(options: FakeSafeStorageOptions = {}) {
  const state = {
    key: options.key ?? 'machine-a',
    formerKeys: options.formerKeys ?? [],
    backend: options.backend ?? ('gnome_libsecret' as Backend),
    syncAvailable: options.syncAvailable ?? true,
    asyncAvailable: options.asyncAvailable ?? false,
    askReEncrypt: options.askReEncrypt ?? false,
    calls: { sync: 0, async: 0 },
  };

  const encrypt = (plainText: string) =>
    Buffer.from(`${state.key}:${Buffer.from(plainText, 'utf8').reverse().toString('base64')}`, 'utf8');

  const decrypt = (encrypted: Buffer) => {
    const text = encrypted.toString('utf8');
    const separator = text.indexOf(':');
    const key = text.slice(0, separator);
    if (separator < 0 || (key !== state.key && !state.formerKeys.includes(key)))
      throw new Error('Error while decrypting the ciphertext');
    return Buffer.from(text.slice(separator + 1), 'base64')
      .reverse()
      .toString('utf8');
  };

  const safeStorage: SafeStorageApi = {
    isEncryptionAvailable: () => state.syncAvailable,
    isAsyncEncryptionAvailable: async () => state.asyncAvailable,
    getSelectedStorageBackend: () => state.backend,
    encryptString: (plainText) => {
      if (!state.syncAvailable) throw new Error('Encryption is not available.');
      state.calls.sync += 1;
      return encrypt(plainText);
    },
    decryptString: (encrypted) => {
      state.calls.sync += 1;
      return decrypt(encrypted);
    },
    encryptStringAsync: async (plainText) => {
      state.calls.async += 1;
      return encrypt(plainText);
    },
    decryptStringAsync: async (encrypted) => {
      state.calls.async += 1;
      return { result: decrypt(encrypted), shouldReEncrypt: state.askReEncrypt };
    },
  };

  return { safeStorage, state };
}

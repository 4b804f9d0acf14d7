/**
 * How queued changes are protected on disk: as the sign-in is (src/kit/main/storage/token-storage.ts).
 * Here Electron's safeStorage encrypts each user's file; without an OS secret store (Linux's
 * `basic_text`, or no encryption at all) nothing is written and the queue lasts until the app quits.
 */
import { safeStorage } from 'electron';

import { createSafeStorageCipher, type TokenCipher } from '../../storage/token-storage';

export interface QueueSealer {
  /** Throws when it cannot protect the text now (then nothing is written). */
  seal(text: string): Promise<Buffer>;
  open(sealed: Buffer): Promise<string>;
}

export function sealerFromCipher(cipher: TokenCipher): QueueSealer {
  return {
    async seal(text) {
      if ((await cipher.protection()) !== 'os') throw new Error('no OS secret store to encrypt them with');
      return cipher.encrypt(text);
    },
    open: async (sealed) => (await cipher.decrypt(sealed)).value,
  };
}

export function createQueueSealer(): QueueSealer | null {
  return sealerFromCipher(createSafeStorageCipher(safeStorage, process.platform));
}

import { describe, expect, it } from 'vitest';

import { createSafeStorageCipher } from '../../src/kit/main/storage/token-storage';
import { createFakeSafeStorage } from './fake-safe-storage';

describe('createSafeStorageCipher', () => {
  it('reports the OS secret store on macOS and Windows whatever the Linux backend says', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { safeStorage } = createFakeSafeStorage({ backend: 'basic_text' });
      expect(await createSafeStorageCipher(safeStorage, platform).protection()).toBe('os');
    }
  });

  it('recognises Linux without a secret store (basic_text) and a real one', async () => {
    const basic = createFakeSafeStorage({ backend: 'basic_text' });
    expect(await createSafeStorageCipher(basic.safeStorage, 'linux').protection()).toBe('basic_text');
    const keyring = createFakeSafeStorage({ backend: 'kwallet6' });
    expect(await createSafeStorageCipher(keyring.safeStorage, 'linux').protection()).toBe('os');
  });

  it('treats an unknown Linux backend (app not ready) and no encryption as unavailable', async () => {
    const notReady = createFakeSafeStorage({ backend: 'unknown' });
    expect(await createSafeStorageCipher(notReady.safeStorage, 'linux').protection()).toBe('unavailable');
    const none = createFakeSafeStorage({ syncAvailable: false, asyncAvailable: false });
    const cipher = createSafeStorageCipher(none.safeStorage, 'darwin');
    expect(await cipher.protection()).toBe('unavailable');
    await expect(cipher.encrypt('secret')).rejects.toThrow();
  });

  it('uses the asynchronous API when it is available, the synchronous one otherwise', async () => {
    const modern = createFakeSafeStorage({ asyncAvailable: true });
    const asyncCipher = createSafeStorageCipher(modern.safeStorage, 'darwin');
    expect((await asyncCipher.decrypt(await asyncCipher.encrypt('tok'))).value).toBe('tok');
    expect(modern.state.calls).toEqual({ sync: 0, async: 2 });

    const legacy = createFakeSafeStorage({ asyncAvailable: false });
    const syncCipher = createSafeStorageCipher(legacy.safeStorage, 'darwin');
    expect((await syncCipher.decrypt(await syncCipher.encrypt('tok'))).value).toBe('tok');
    expect(legacy.state.calls).toEqual({ sync: 2, async: 0 });
  });

  it('passes on the re-encryption hint of the asynchronous API', async () => {
    const { safeStorage } = createFakeSafeStorage({ asyncAvailable: true, askReEncrypt: true });
    const cipher = createSafeStorageCipher(safeStorage, 'win32');
    expect(await cipher.decrypt(await cipher.encrypt('tok'))).toEqual({ value: 'tok', shouldReEncrypt: true });
  });
});

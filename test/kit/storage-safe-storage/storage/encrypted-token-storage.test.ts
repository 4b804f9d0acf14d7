import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createEncryptedTokenStorage, createSafeStorageCipher, createTokenFile } from '../../src/kit/main/storage/token-storage';
import { createFakeSafeStorage, type FakeSafeStorageOptions } from './fake-safe-storage';

const KEY = '__clerk_client_jwt';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.client-token-payload.signature';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'safe-storage-'));
  path = join(dir, 'userData', 'clerk-token-storage.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface LaunchOptions extends FakeSafeStorageOptions {
  platform?: NodeJS.Platform;
  allowPlaintextWithoutSecretStore?: boolean;
  filePath?: string;
}

/** One run of the app: a fresh storage over the same file, as after a restart. */
function launch(options: LaunchOptions = {}) {
  const fake = createFakeSafeStorage(options);
  const logs: string[] = [];
  const warnings: string[] = [];
  const storage = createEncryptedTokenStorage({
    cipher: createSafeStorageCipher(fake.safeStorage, options.platform ?? 'linux'),
    file: createTokenFile(() => options.filePath ?? path),
    allowPlaintextWithoutSecretStore: options.allowPlaintextWithoutSecretStore ?? false,
    log: (message) => logs.push(message),
    warnUser: (message) => warnings.push(message),
  });
  return { storage, logs, warnings, fake };
}

async function fileText(): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

describe('safe-storage token storage', () => {
  it('keeps the token across launches, encrypted, in an owner-only file', async () => {
    await launch().storage.setItem(KEY, TOKEN);

    const text = await fileText();
    expect(text).toBeDefined();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('client-token-payload');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'userData'))).toEqual(['clerk-token-storage.json']);

    const next = launch();
    expect(await next.storage.getItem(KEY)).toBe(TOKEN);
    expect(next.logs).toEqual([]);
  });

  it('decrypts a token once per launch: Clerk reads it before every request', async () => {
    await launch().storage.setItem(KEY, TOKEN);

    const { storage, fake } = launch();
    for (let i = 0; i < 3; i += 1) expect(await storage.getItem(KEY)).toBe(TOKEN);
    expect(fake.state.calls.sync).toBe(1);
  });

  it('reads the file again once encryption is ready (Linux before app ready)', async () => {
    await launch().storage.setItem(KEY, TOKEN);

    const { storage, fake } = launch({ backend: 'unknown' });
    expect(await storage.getItem(KEY)).toBeNull();
    fake.state.backend = 'gnome_libsecret';
    expect(await storage.getItem(KEY)).toBe(TOKEN);
  });

  it('answers null for a key it never stored', async () => {
    expect(await launch().storage.getItem(KEY)).toBeNull();
  });

  it('removes the token for good on sign-out', async () => {
    const first = launch();
    await first.storage.setItem(KEY, TOKEN);
    await first.storage.setItem('other', 'kept');
    await first.storage.removeItem(KEY);
    expect(await first.storage.getItem(KEY)).toBeNull();

    const next = launch();
    expect(await next.storage.getItem(KEY)).toBeNull();
    expect(await next.storage.getItem('other')).toBe('kept');
    await next.storage.removeItem('other');
    expect(await fileText()).toBeUndefined();
  });

  it('applies operations in the order they were called', async () => {
    const { storage } = launch();
    const calls = [storage.setItem(KEY, 'first'), storage.setItem(KEY, 'second'), storage.getItem(KEY)];
    const removal = storage.removeItem(KEY);
    const afterRemoval = storage.getItem(KEY);
    expect((await Promise.all(calls))[2]).toBe('second');
    await removal;
    expect(await afterRemoval).toBeNull();
  });

  it('treats a corrupt file as signed out, says so once, and recovers on the next sign-in', async () => {
    await mkdir(join(dir, 'userData'), { recursive: true });
    await writeFile(path, '{"version":1,"tokens":{"__clerk_cl');

    const { storage, logs } = launch();
    expect(await storage.getItem(KEY)).toBeNull();
    expect(await storage.getItem(KEY)).toBeNull();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/damaged/);

    await storage.setItem(KEY, TOKEN);
    expect(await launch().storage.getItem(KEY)).toBe(TOKEN);
  });

  it('treats a token encrypted under another OS key as signed out and removes it', async () => {
    await launch({ key: 'machine-a' }).storage.setItem(KEY, TOKEN);

    const elsewhere = launch({ key: 'machine-b' });
    expect(await elsewhere.storage.getItem(KEY)).toBeNull();
    expect(elsewhere.logs.join('\n')).toMatch(/could not be decrypted/);
    expect(await fileText()).toBeUndefined();
  });

  it('treats garbage ciphertext as signed out without touching the other tokens', async () => {
    const first = launch();
    await first.storage.setItem('other', 'kept');
    const contents = JSON.parse((await fileText())!);
    contents.tokens[KEY] = { protection: 'os', data: Buffer.from('not a ciphertext').toString('base64') };
    await writeFile(path, JSON.stringify(contents));

    const next = launch();
    expect(await next.storage.getItem(KEY)).toBeNull();
    expect(await next.storage.getItem('other')).toBe('kept');
    expect(Object.keys(JSON.parse((await fileText())!).tokens)).toEqual(['other']);
  });

  it('re-encrypts a token when safeStorage asks for it (a rotated key)', async () => {
    await launch({ asyncAvailable: true, key: 'key-1' }).storage.setItem(KEY, TOKEN);

    const rotated = launch({ asyncAvailable: true, key: 'key-2', formerKeys: ['key-1'], askReEncrypt: true });
    expect(await rotated.storage.getItem(KEY)).toBe(TOKEN);

    expect(await launch({ asyncAvailable: true, key: 'key-2' }).storage.getItem(KEY)).toBe(TOKEN);
  });

  describe('Linux without a secret store (basic_text)', () => {
    it('does not write the token, keeps it for the session and says so once', async () => {
      const { storage, logs, warnings } = launch({ backend: 'basic_text' });
      await storage.setItem(KEY, TOKEN);
      await storage.setItem(KEY, `${TOKEN}-refreshed`);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^Your sign-in is kept only until the app quits: .*sudo apt install gnome-keyring/);
      expect(await storage.getItem(KEY)).toBe(`${TOKEN}-refreshed`);

      expect(await fileText()).toBeUndefined();
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatch(/basic_text/);
      expect(logs[0]).toMatch(/allowPlaintextWithoutSecretStore/);

      expect(await launch({ backend: 'basic_text' }).storage.getItem(KEY)).toBeNull();
    });

    it('forgets a session-only token on sign-out', async () => {
      const { storage } = launch({ backend: 'basic_text' });
      await storage.setItem(KEY, TOKEN);
      await storage.removeItem(KEY);
      expect(await storage.getItem(KEY)).toBeNull();
    });

    it('persists when the app opts in, marking the token as unprotected, and warns once', async () => {
      const first = launch({ backend: 'basic_text', allowPlaintextWithoutSecretStore: true });
      await first.storage.setItem(KEY, TOKEN);
      await first.storage.setItem(KEY, TOKEN);
      expect(first.logs).toHaveLength(1);
      expect(first.logs[0]).toMatch(/effectively in plaintext/);
      expect(first.warnings).toEqual([]);
      expect(JSON.parse((await fileText())!).tokens[KEY].protection).toBe('basic_text');

      const next = launch({ backend: 'basic_text', allowPlaintextWithoutSecretStore: true });
      expect(await next.storage.getItem(KEY)).toBe(TOKEN);
    });

    it('removes an unprotected token once the app no longer opts in', async () => {
      await launch({ backend: 'basic_text', allowPlaintextWithoutSecretStore: true }).storage.setItem(KEY, TOKEN);
      expect(await launch({ backend: 'basic_text' }).storage.getItem(KEY)).toBeNull();
      expect(await fileText()).toBeUndefined();
    });

    it('keeps, without reading it, a token protected by a secret store that is missing today', async () => {
      await launch({ backend: 'gnome_libsecret' }).storage.setItem(KEY, TOKEN);
      expect(await launch({ backend: 'basic_text' }).storage.getItem(KEY)).toBeNull();
      expect(await launch({ backend: 'gnome_libsecret' }).storage.getItem(KEY)).toBe(TOKEN);
    });

    it('upgrades an unprotected token once a secret store is there', async () => {
      await launch({ backend: 'basic_text', allowPlaintextWithoutSecretStore: true }).storage.setItem(KEY, TOKEN);
      expect(await launch({ backend: 'kwallet6', allowPlaintextWithoutSecretStore: true }).storage.getItem(KEY)).toBe(TOKEN);
      expect(JSON.parse((await fileText())!).tokens[KEY].protection).toBe('os');
    });
  });

  it('keeps the token in memory when OS encryption is unavailable, and drops the older one on disk', async () => {
    await launch().storage.setItem(KEY, 'older');

    const { storage, logs, warnings } = launch({ platform: 'darwin', syncAvailable: false });
    await storage.setItem(KEY, TOKEN);
    expect(await storage.getItem(KEY)).toBe(TOKEN);
    expect(logs.join('\n')).toMatch(/unavailable/);
    expect(warnings).toEqual([expect.stringMatching(/encryption is unavailable/)]);

    expect(await launch().storage.getItem(KEY)).toBeNull();
  });

  it('survives a file it cannot write: the sign-in lasts for the session', async () => {
    const blocker = join(dir, 'not-a-folder');
    await writeFile(blocker, '');
    const { storage, logs } = launch({ filePath: join(blocker, 'clerk-token-storage.json') });

    await expect(storage.setItem(KEY, TOKEN)).resolves.toBeUndefined();
    expect(await storage.getItem(KEY)).toBe(TOKEN);
    await expect(storage.removeItem(KEY)).resolves.toBeUndefined();
    expect(await storage.getItem(KEY)).toBeNull();
    expect(logs.join('\n')).toMatch(/could not be (written|read)/);
  });
});

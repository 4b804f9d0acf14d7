import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createTokenFile, parseTokenFile } from '../../src/kit/main/storage/token-storage';

describe('parseTokenFile', () => {
  it('reads back a file of well-formed tokens', () => {
    const tokens = { a: { protection: 'os', data: 'QUJD' }, b: { protection: 'basic_text', data: 'REVG' } } as const;
    expect(parseTokenFile(JSON.stringify({ version: 1, tokens }))).toEqual({ tokens, corrupt: false });
  });

  it('flags text that is not the token file and keeps nothing', () => {
    for (const text of ['', '{"version":1', 'null', '[]', '{"version":2,"tokens":{}}', '{"version":1,"tokens":[]}']) {
      expect(parseTokenFile(text)).toEqual({ tokens: {}, corrupt: true });
    }
  });

  it('keeps the well-formed tokens of a partly damaged file', () => {
    const text = JSON.stringify({
      version: 1,
      tokens: {
        good: { protection: 'os', data: 'QUJD' },
        bad: { protection: 'rot13', data: 'x' },
        empty: { protection: 'os', data: '' },
      },
    });
    expect(parseTokenFile(text)).toEqual({ tokens: { good: { protection: 'os', data: 'QUJD' } }, corrupt: true });
  });
});

describe('createTokenFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'token-file-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a missing file as empty and not corrupt', async () => {
    expect(await createTokenFile(() => join(dir, 'tokens.json')).read()).toEqual({ tokens: {}, corrupt: false });
  });

  it('writes atomically into a new folder, owner-only, leaving no temporary file', async () => {
    const path = join(dir, 'nested', 'tokens.json');
    const file = createTokenFile(() => path);
    await writeFile(join(dir, 'unrelated'), 'x');
    await file.write({ k: { protection: 'os', data: 'QUJD' } });
    await file.write({ k: { protection: 'os', data: 'REVG' } });
    expect((await file.read()).tokens).toEqual({ k: { protection: 'os', data: 'REVG' } });
    expect(await readdir(join(dir, 'nested'))).toEqual(['tokens.json']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('deletes the file when no token is left', async () => {
    const path = join(dir, 'tokens.json');
    const file = createTokenFile(() => path);
    await file.write({ k: { protection: 'os', data: 'QUJD' } });
    await file.write({});
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
    await file.write({});
  });

  it('resolves its path only when first used', async () => {
    let resolved = 0;
    const file = createTokenFile(() => {
      resolved += 1;
      return join(dir, 'tokens.json');
    });
    expect(resolved).toBe(0);
    await file.read();
    await file.write({ k: { protection: 'os', data: 'QUJD' } });
    expect(resolved).toBe(1);
  });
});

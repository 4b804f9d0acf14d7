import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLI_BIN, REPO_ROOT } from '../../../scripts/lib/generated-app.js';
import type { TokenStorage } from '../../../src/options.js';
import { readmeSection } from './readme-section.js';
import { scratchAppArgs, storageSwitchDrift, switchTokenStorage } from './switch-token-storage.js';

// The built CLI renders each app (no install): the same app, as made and as switched to.
let root: string;
const render = (storage: TokenStorage, section: string, folder: string): string => {
  const dir = join(root, folder, 'app');
  execFileSync(process.execPath, [CLI_BIN, ...scratchAppArgs(section, dir, storage)], {
    cwd: REPO_ROOT,
    env: { ...process.env, npm_config_user_agent: '' },
    stdio: 'pipe',
  });
  return dir;
};

describe("the README's token-storage switch, without installing", () => {
  let section: string;
  let asMade: string;
  let keychain: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'storage-switch-'));
    const made = join(root, 'made', 'app');
    execFileSync(process.execPath, [CLI_BIN, made, '--backend', 'none', '--yes', '--no-install', '--no-git'], {
      cwd: REPO_ROOT,
      env: { ...process.env, npm_config_user_agent: '' },
      stdio: 'pipe',
    });
    section = readmeSection(made, 'Switch the token storage');
    asMade = render('safe-storage', section, 'as-made');
    keychain = render('keychain', section, 'as-keychain');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const copy = (from: string, name: string) => {
    const dir = join(root, name);
    cpSync(from, dir, { recursive: true });
    return dir;
  };

  test('done as it says, the app reads as the CLI renders the other storage', () => {
    const app = copy(asMade, 'switched');
    switchTokenStorage(app, keychain, 'keychain');
    expect(storageSwitchDrift(app, asMade, keychain)).toEqual([]);
    expect(readFileSync(join(app, 'electron.vite.config.ts'), 'utf8')).toContain("external: ['@napi-rs/keyring']");
  });

  test('a step left out, or a storage-specific file the README does not name, is reported', () => {
    const app = copy(asMade, 'half-switched');
    const target = copy(keychain, 'keychain-with-more');
    switchTokenStorage(app, target, 'keychain');
    cpSync(join(asMade, 'electron.vite.config.ts'), join(app, 'electron.vite.config.ts'));
    writeFileSync(join(target, 'electron-builder.yml'), '# only the keychain app has this line\n', { flag: 'a' });
    expect(storageSwitchDrift(app, asMade, target).sort()).toEqual([
      "electron-builder.yml differs between the two storages, and the README's steps do not name it",
      'electron.vite.config.ts is not what the CLI renders for the new storage',
    ]);
  });
});

/**
 * The README's "Switch the token storage", done to a rendered app as it says: a scratch app from the
 * README's own command, its storage folder, its dependency, `external` and doctor lines, the
 * manifest's option. Then the result is held against the CLI's own renders of both storages: every
 * file they render differently must be one the README names, and must now read as the target's.
 * So the README cannot drift from the templates unnoticed.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { TokenStorage } from '../../../src/options.js';

const STORAGE_DIR = 'src/kit/main/storage';
const MANIFEST = 'create-electron-clerk-trpc.json';
/** The files the README's steps change (README.md itself describes the storage in use). */
const NAMED_BY_THE_README = ['package.json', 'electron.vite.config.ts', 'scripts/doctor.mjs', MANIFEST, 'README.md'];

/** The CLI's arguments of the README's scratch-app command, for `dir` and the storage `to`. */
export function scratchAppArgs(section: string, dir: string, to: TokenStorage): string[] {
  const command = /`npx create-electron-clerk-trpc \S+ ([^`]+)`/.exec(section);
  if (!command) throw new Error(`the README's "Switch the token storage" no longer shows the scratch app's command`);
  const args = command[1]!.trim().split(/\s+/);
  const storage = args.indexOf('--token-storage');
  if (storage < 0) throw new Error('the scratch app command of the README has no --token-storage');
  args[storage + 1] = to;
  return [dir, ...args];
}

function read(dir: string, file: string): string | undefined {
  const path = join(dir, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Step 3's "copy its line" (or remove it): the line of `file` matching `pattern`, as in the scratch app. */
function copyLine(appDir: string, scratchDir: string, file: string, pattern: RegExp): void {
  const app = read(appDir, file)!.split('\n');
  const scratch = read(scratchDir, file)!.split('\n');
  const wanted = scratch.findIndex((line) => pattern.test(line));
  const present = app.findIndex((line) => pattern.test(line));
  if (wanted >= 0 && present >= 0) return; // both have it
  if (present >= 0) app.splice(present, 1);
  else if (wanted >= 0) {
    // Between the same two lines as in the scratch app.
    const [before, after] = [scratch[wanted - 1], scratch[wanted + 1]];
    const at = app.findIndex((line, index) => line === before && app[index + 1] === after);
    if (at < 0) throw new Error(`${file}: the app has no place for ${JSON.stringify(scratch[wanted])}`);
    app.splice(at + 1, 0, scratch[wanted]!);
  }
  writeFileSync(join(appDir, file), app.join('\n'));
}

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;
const writeJson = (dir: string, file: string, value: unknown) =>
  writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);

/** Steps 2 to 4, from the scratch app in `scratchDir`. Step 5 (install, typecheck, test) is the caller's. */
export function switchTokenStorage(appDir: string, scratchDir: string, to: TokenStorage): void {
  rmSync(join(appDir, STORAGE_DIR), { recursive: true });
  cpSync(join(scratchDir, STORAGE_DIR), join(appDir, STORAGE_DIR), { recursive: true });

  const pkg = json(read(appDir, 'package.json')!) as { dependencies?: Record<string, string> };
  const keyring = (json(read(scratchDir, 'package.json')!) as typeof pkg).dependencies?.['@napi-rs/keyring'];
  const dependencies = { ...pkg.dependencies };
  delete dependencies['@napi-rs/keyring'];
  if (keyring !== undefined) dependencies['@napi-rs/keyring'] = keyring;
  pkg.dependencies = dependencies;
  writeJson(appDir, 'package.json', pkg);
  copyLine(appDir, scratchDir, 'electron.vite.config.ts', /^\s*rolldownOptions: \{ external: /);
  copyLine(appDir, scratchDir, 'scripts/doctor.mjs', /^\s*\['secure-storage',/);

  const manifest = json(read(appDir, MANIFEST)!) as { options: Record<string, unknown> };
  manifest.options.tokenStorage = to;
  writeJson(appDir, MANIFEST, manifest);
}

const storageOf = (manifest: string) => (json(manifest) as { options: { tokenStorage?: string } }).options.tokenStorage;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/'));
}

/**
 * What is wrong with the switched app, measured against the CLI's renders of the app with the storage
 * it had (`fromDir`) and with the one it switched to (`toDir`): an empty list when nothing is.
 */
export function storageSwitchDrift(appDir: string, fromDir: string, toDir: string): string[] {
  const problems: string[] = [];
  for (const file of new Set([...filesUnder(fromDir), ...filesUnder(toDir)])) {
    const target = read(toDir, file);
    if (read(fromDir, file) === target || file === 'README.md') continue;
    if (!file.startsWith(`${STORAGE_DIR}/`) && !NAMED_BY_THE_README.includes(file)) {
      problems.push(`${file} differs between the two storages, and the README's steps do not name it`);
      continue;
    }
    const mine = read(appDir, file);
    const same =
      file === MANIFEST
        ? storageOf(mine!) === storageOf(target!)
        : file === 'package.json'
          ? isDeepStrictEqual(json(mine!), json(target!))
          : mine === target;
    if (!same) problems.push(`${file} is not what the CLI renders for the new storage`);
  }
  return problems;
}

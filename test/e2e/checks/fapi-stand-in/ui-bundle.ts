/**
 * Clerk's UI bundle (`@clerk/ui`'s dist/ui.browser.js and its chunks), which clerk-js loads from
 * `https://<frontend-api>/npm/@clerk/ui@<version>/dist/ui.browser.js` (Clerk's CDN). The stand-in
 * serves it from the package tarball instead, fetched once per machine with `npm pack` into the
 * tool cache (scripts/lib/tool-cache.ts). Only the tarball is needed: the browser bundle is
 * self-contained, and installing the package would pull in its whole dependency tree.
 *
 * The version is the one the generated app pins (src/kit/renderer/connection-watcher.ts). If
 * that version is not published on the registry this machine reaches, the newest published
 * release below it with the same major is served, and `servedVersion` says so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheFolderName, toolCacheRoot } from '../../../../scripts/lib/tool-cache.js';

export interface ClerkUiBundle {
  /** The version the app asks for */
  requestedVersion: string;
  /** The version whose files are served */
  servedVersion: string;
  /** Folder with ui.browser.js and its chunks */
  distDir: string;
}

const PACKAGE = '@clerk/ui';

/** The pinned version in a generated app. */
export function pinnedClerkUiVersion(appDir: string): string {
  const source = readFileSync(join(appDir, 'src', 'kit', 'renderer', 'connection-watcher.ts'), 'utf8');
  const match = /CLERK_UI_VERSION\s*=\s*['"](\d+\.\d+\.\d+)['"]/.exec(source);
  if (!match) throw new Error('CLERK_UI_VERSION not found in src/kit/renderer/connection-watcher.ts');
  return match[1]!;
}

function npm(args: string[], cwd?: string): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr };
}

const compare = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (x![i] !== y![i]) return x![i]! - y![i]!;
  return 0;
};

/** `version` when published, else the newest release below it with the same major. */
function publishedVersion(version: string): string {
  const view = npm(['view', `${PACKAGE}@${version}`, 'version']);
  if (view.ok && view.stdout.trim() === version) return version;
  const all = npm(['view', PACKAGE, 'versions', '--json']);
  if (!all.ok) throw new Error(`npm view ${PACKAGE} failed:\n${all.stderr}`);
  const major = version.split('.')[0];
  const candidates = (JSON.parse(all.stdout) as string[])
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v) && v.split('.')[0] === major && compare(v, version) <= 0)
    .sort(compare);
  const best = candidates.at(-1);
  if (!best) throw new Error(`no ${PACKAGE}@${major}.x at or below ${version} on the registry`);
  return best;
}

function unpackedFolder(version: string): string {
  return join(toolCacheRoot(), cacheFolderName(PACKAGE, `${version}-tarball`));
}

function isUnpacked(version: string): boolean {
  return existsSync(join(unpackedFolder(version), 'package', 'dist', 'ui.browser.js'));
}

/** Unpacks `@clerk/ui@version` into the tool cache (once) and returns its dist folder. */
function ensureUnpacked(version: string): string {
  const folder = unpackedFolder(version);
  const distDir = join(folder, 'package', 'dist');
  if (isUnpacked(version)) return distDir;

  const staging = `${folder}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    const pack = npm(['pack', `${PACKAGE}@${version}`, '--pack-destination', staging, '--loglevel=error'], staging);
    const tarball = readdirSync(staging).find((name) => name.endsWith('.tgz'));
    if (!pack.ok || !tarball) throw new Error(`npm pack ${PACKAGE}@${version} failed:\n${pack.stderr}`);
    const untar = spawnSync('tar', ['-xzf', tarball], { cwd: staging, encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`could not unpack ${tarball}: ${untar.stderr}`);
    rmSync(join(staging, tarball));
    try {
      renameSync(staging, folder);
    } catch (error) {
      if (!existsSync(join(distDir, 'ui.browser.js'))) throw error; // else another process won
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (!existsSync(join(distDir, 'ui.browser.js'))) throw new Error(`${PACKAGE}@${version} has no dist/ui.browser.js`);
  return distDir;
}

export function provisionClerkUi(requestedVersion: string): ClerkUiBundle {
  // Already unpacked at the pinned version: no registry request.
  const servedVersion = isUnpacked(requestedVersion) ? requestedVersion : publishedVersion(requestedVersion);
  if (servedVersion !== requestedVersion) {
    console.warn(`${PACKAGE}@${requestedVersion} is not on the registry: serving ${servedVersion} in its place`);
  }
  return { requestedVersion, servedVersion, distDir: ensureUnpacked(servedVersion) };
}

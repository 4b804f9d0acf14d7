/**
 * Packages of this CLI as it was at an earlier commit, or as a pretend earlier release, for the
 * upgrade tests: a folder shaped like the published package (bin/, dist/, templates/, package.json).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

/** Before add-ons and the manifest: workers was part of every app. */
export const EARLIER_COMMIT = '4c7591021d5244ebed020fe7fc8a8a3fdb9379bb';

export function hasCommit(commit: string): boolean {
  try {
    execFileSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: REPO_ROOT, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The repository at `commit`, built (its build needs only this checkout's node_modules). */
export function packageAtCommit(commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cect-earlier-'));
  const tarball = join(dir, 'source.tar');
  execFileSync('git', ['archive', '--format=tar', '-o', tarball, commit], { cwd: REPO_ROOT });
  execFileSync('tar', ['-xf', 'source.tar'], { cwd: dir });
  rmSync(tarball);
  // A junction on Windows needs no privileges, unlike a symlink.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), process.platform === 'win32' ? 'junction' : 'dir');
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/build.ts'], { cwd: dir });
  return dir;
}

/**
 * This checkout's package as an earlier release `version` would be: the same, but `edit` may change
 * its template files (plain ones, read at run time; `.hbs` ones are compiled into the bundle).
 */
export function pretendRelease(version: string, edit: (templates: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'cect-release-'));
  for (const part of ['bin', 'dist', 'templates']) cpSync(join(REPO_ROOT, part), join(dir, part), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, version }, null, 2));
  edit(join(dir, 'templates'));
  return dir;
}

export function scaffoldWith(packageDir: string, target: string, ...args: string[]): void {
  execFileSync(process.execPath, [join(packageDir, 'bin', 'create-electron-clerk-trpc.js'), target, ...args], {
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
    stdio: 'ignore',
  });
}

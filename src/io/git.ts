/** git init + a first commit, or a one-line reason why not. */
import { access } from 'node:fs/promises';
import { join } from 'node:path';

export type GitResult = { committed: true } | { committed: false; note: string };

/** Used only when the user has no git identity configured, and only for this one commit. */
export const FALLBACK_IDENTITY = { name: 'create-electron-clerk-trpc', email: 'noreply@create-electron-clerk-trpc.invalid' };

const LOCK_FILES = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];

async function fileExists(path: string) {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * `onlyPaths`: when the directory held the user's files before (--force), commit only the files we
 * wrote (and a lock file) instead of everything in it.
 */
export async function initGitRepository(directory: string, onlyPaths?: readonly string[]): Promise<GitResult> {
  const { execa } = await import('execa');
  const git = (args: string[], env?: Record<string, string>) =>
    execa('git', args, { cwd: directory, reject: false, stdin: 'ignore', ...(env ? { env } : {}) });

  const version = await git(['--version']);
  if (version.failed) return { committed: false, note: 'git was not found; skipped git init.' };
  const inside = await git(['rev-parse', '--is-inside-work-tree']);
  if (inside.exitCode === 0 && inside.stdout.trim() === 'true') {
    return { committed: false, note: 'the directory is already inside a git work tree; skipped git init.' };
  }

  const init = await git(['init']);
  if (init.failed) return { committed: false, note: `git init failed (${firstLine(init.stderr)}); skipped.` };
  const undoInit = async () => {
    const { rm } = await import('node:fs/promises');
    await rm(join(directory, '.git'), { recursive: true, force: true });
  };

  let add;
  if (onlyPaths) {
    const paths = [...onlyPaths];
    for (const lock of LOCK_FILES) if (await fileExists(join(directory, lock))) paths.push(lock);
    // Naming an ignored file (the generated .env) makes `git add` fail; leave those out as -A would.
    const ignored = new Set((await git(['check-ignore', '--', ...paths])).stdout.split('\n').filter(Boolean));
    add = await git(['add', '--', ...paths.filter((path) => !ignored.has(path))]);
  } else {
    add = await git(['add', '-A']);
  }
  if (add.failed) {
    await undoInit();
    return { committed: false, note: `git add failed (${firstLine(add.stderr)}); no repository was created.` };
  }

  // Respect whatever identity the user has (config or GIT_* variables); fill in only what is missing.
  const configName = (await git(['config', 'user.name'])).stdout.trim();
  const configEmail = (await git(['config', 'user.email'])).stdout.trim();
  const identity: Record<string, string> = {};
  for (const role of ['AUTHOR', 'COMMITTER']) {
    if (!process.env[`GIT_${role}_NAME`] && !configName) identity[`GIT_${role}_NAME`] = FALLBACK_IDENTITY.name;
    if (!process.env[`GIT_${role}_EMAIL`] && !configEmail) identity[`GIT_${role}_EMAIL`] = FALLBACK_IDENTITY.email;
  }

  const commit = await git(['commit', '--no-verify', '-m', 'Initial commit from create-electron-clerk-trpc'], identity);
  if (commit.failed) {
    await undoInit();
    return { committed: false, note: `git commit failed (${firstLine(commit.stderr)}); no repository was created.` };
  }
  return { committed: true };
}

function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0] ?? '';
}

/**
 * For every refusal and failure path: hash the target before and after, and check that nothing
 * that existed changed and nothing half-written is left. Runs the built CLI as a real process.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { output, ON_WINDOWS, runCli, type CliOptions } from './helpers/cli.js';
import { hashTree } from './helpers/tree.js';

let root: string;
let sandbox: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cect-safety-'));
  sandbox = join(root, 'work');
  mkdirSync(sandbox);
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A user's folder with files at paths the template also writes, and files it does not. */
function existingProject(): string {
  const dir = join(sandbox, 'existing');
  mkdirSync(join(dir, 'src', 'main'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"mine"}\n');
  writeFileSync(join(dir, 'notes.md'), 'my notes\n');
  writeFileSync(join(dir, 'src', 'main', 'mine.ts'), 'export const mine = 1;\n');
  chmodSync(join(dir, 'notes.md'), 0o600);
  return dir;
}

const withoutPaths = (tree: Record<string, string>, paths: string[]) =>
  Object.fromEntries(Object.entries(tree).filter(([path]) => !paths.includes(path)));

const QUICK = ['--no-install', '--no-git', '--backend', 'none'];

/** The CLI with its file writes made to fail or slow down by a preloaded fs stub. */
const writeFaults = (env: Record<string, string>): Pick<CliOptions, 'env' | 'nodeArgs'> => ({
  env,
  nodeArgs: ['--import', pathToFileURL(join(import.meta.dirname, 'helpers', 'write-faults.mjs')).href],
});

describe('refusals leave everything as it was', () => {
  it('non-empty directory without --force', async () => {
    const dir = existingProject();
    const before = hashTree(dir);
    const result = await runCli(['existing', ...QUICK], { cwd: sandbox });
    expect(result.code, output(result)).toBe(1);
    expect(result.stderr, output(result)).toMatch(/notes\.md/);
    expect(hashTree(dir)).toEqual(before);
  });

  it('--force where writing would need deleting (a folder in the way)', async () => {
    const dir = existingProject();
    rmSync(join(dir, 'package.json'));
    mkdirSync(join(dir, 'package.json'));
    writeFileSync(join(dir, 'package.json', 'inside.txt'), 'x');
    const before = hashTree(dir);
    const result = await runCli(['existing', ...QUICK, '--force'], { cwd: sandbox });
    expect(result.code, output(result)).toBe(1);
    expect(result.stderr).toMatch(/package\.json \(a folder is in the way\)/);
    expect(hashTree(dir)).toEqual(before);
  });
});

/** The backup folder a --force run made inside `dir`, if any. */
function backupFolder(dir: string): string | undefined {
  return readdirSync(dir).find((name) => name.startsWith('.create-electron-clerk-trpc-backup-'));
}

/**
 * Every file that was in the folder before is still there byte for byte: at its own path, or (when
 * the template replaced it) at the same path inside the backup folder.
 */
function expectEverythingKept(dir: string, before: Record<string, string>) {
  const after = hashTree(dir);
  const backup = backupFolder(dir);
  for (const [path, hash] of Object.entries(before)) {
    if (path.endsWith('/')) {
      expect(after[path], `folder ${path}`).toBeDefined();
      continue;
    }
    const kept = after[path] === hash || (backup !== undefined && after[`${backup}/${path}`] === hash);
    expect(kept, `${path} is kept (in place or in ${backup ?? 'no backup folder'})`).toBe(true);
  }
}

/** A folder with the user's own secrets and files at paths the template also writes. */
function userProjectWithSecrets(): string {
  const dir = existingProject();
  writeFileSync(join(dir, '.env'), 'MY_SECRET=s3cr3t-value\n# mine\nVITE_CLERK_PUBLISHABLE_KEY=pk_test_mine\n');
  writeFileSync(join(dir, 'README.md'), '# My project\n');
  return dir;
}

describe('--force', () => {
  it('writes the template, keeps a copy of every replaced file, and touches nothing else', async () => {
    const dir = existingProject();
    const before = hashTree(dir);
    const result = await runCli(['existing', ...QUICK, '--force'], { cwd: sandbox });
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toMatch(/Replaced 1 existing file \(--force\):\n {2}package\.json/);
    expectEverythingKept(dir, before);
    const after = hashTree(dir);
    expect(
      withoutPaths(
        after,
        Object.keys(after).filter((path) => !(path in before)),
      ),
    ).toEqual({
      ...before,
      'package.json': after['package.json'],
    });
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name).toBe('existing');
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('my notes\n');
  });

  it("keeps the user's .env values (theirs win, new keys appended) and backs up README.md and package.json", async () => {
    const dir = userProjectWithSecrets();
    const before = hashTree(dir);
    const result = await runCli(['existing', ...QUICK, '--force'], { cwd: sandbox });
    expect(result.code, output(result)).toBe(0);
    expectEverythingKept(dir, before);

    const env = readFileSync(join(dir, '.env'), 'utf8');
    expect(env.startsWith('MY_SECRET=s3cr3t-value\n# mine\nVITE_CLERK_PUBLISHABLE_KEY=pk_test_mine\n')).toBe(true);
    expect(env.match(/^VITE_CLERK_PUBLISHABLE_KEY=/gm)).toHaveLength(1);

    const backup = backupFolder(dir)!;
    expect(result.stdout).toContain(`Their previous contents are in existing/${backup}/`);
    expect(readFileSync(join(dir, backup, 'README.md'), 'utf8')).toBe('# My project\n');
    expect(readFileSync(join(dir, backup, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');
    expect(readFileSync(join(dir, backup, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('adds the missing keys to their .env and says so', async () => {
    const dir = existingProject();
    writeFileSync(join(dir, '.env'), 'MY_SECRET=abc');
    const key = `pk_test_${Buffer.from('clerk.example.com$').toString('base64')}`;
    const result = await runCli(['existing', ...QUICK, '--force', '--clerk-publishable-key', key], { cwd: sandbox });
    expect(result.code, output(result)).toBe(0);
    const env = readFileSync(join(dir, '.env'), 'utf8');
    expect(env).toMatch(/^MY_SECRET=abc\n/);
    expect(env).toMatch(/^VITE_CLERK_PUBLISHABLE_KEY=/m);
    expect(result.stdout).toMatch(/Kept your settings in \.env; added VITE_CLERK_PUBLISHABLE_KEY/);
  });

  it('never commits the backup folder', async () => {
    const dir = userProjectWithSecrets();
    const env = {
      GIT_AUTHOR_NAME: 'A',
      GIT_AUTHOR_EMAIL: 'a@example.com',
      GIT_COMMITTER_NAME: 'A',
      GIT_COMMITTER_EMAIL: 'a@example.com',
    };
    const result = await runCli(['existing', '--no-install', '--backend', 'none', '--force'], { cwd: sandbox, env });
    expect(result.code, output(result)).toBe(0);
    const files = execFileSync('git', ['ls-files'], { cwd: dir, encoding: 'utf8' });
    expect(files).not.toContain('.create-electron-clerk-trpc-backup-');
    expect(files).not.toMatch(/^\.env$/m);
    const untracked = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: dir, encoding: 'utf8' });
    expect(untracked).not.toContain('.create-electron-clerk-trpc-backup-');
  });
});

describe('a folder the user may not write to', () => {
  it.skipIf(ON_WINDOWS || process.getuid?.() === 0)(
    'is refused before anything is written, saying why and what to do',
    async () => {
      chmodSync(sandbox, 0o500);
      const result = await runCli(['new-app', ...QUICK], { cwd: sandbox });
      chmodSync(sandbox, 0o700);
      expect(result.code, output(result)).toBe(1);
      expect(result.stderr).toContain(
        `cannot create files in ${sandbox}: you do not have permission to write to it. Choose another directory.`,
      );
      expect(result.stderr).not.toMatch(/Please report/);
    },
  );

  it('refused by the file system while writing: a clear message, not a bug report', async () => {
    const result = await runCli(['new-app', ...QUICK], {
      cwd: sandbox,
      ...writeFaults({ WRITE_FAULTS_FAIL_AT: '0', WRITE_FAULTS_CODE: 'EACCES' }),
    });
    expect(result.code, output(result)).toBe(1);
    expect(result.stderr).toMatch(/Not allowed to write there; nothing was left half-written\. Choose a folder you can write to/);
    expect(result.stderr).not.toMatch(/unexpected failure|Please report/);
    expect(existsSync(join(sandbox, 'new-app'))).toBe(false);
  });
});

describe('a write that fails half way', () => {
  const failAt = writeFaults({ WRITE_FAULTS_FAIL_AT: '3' });

  it('removes the directory it created', async () => {
    const result = await runCli(['nested/new-app', ...QUICK], { cwd: sandbox, ...failAt });
    expect(result.code, output(result)).toBe(1);
    expect(result.stderr, output(result)).toMatch(/simulated write failure/);
    expect(existsSync(join(sandbox, 'nested'))).toBe(false);
  });

  it('leaves a pre-existing directory byte for byte as it was', async () => {
    const dir = existingProject();
    const before = hashTree(dir);
    const result = await runCli(['existing', ...QUICK, '--force'], { cwd: sandbox, ...failAt });
    expect(result.code, output(result)).toBe(1);
    expect(hashTree(dir)).toEqual(before);
  });

  it.skipIf(ON_WINDOWS)('undoes files already moved into place when a later one cannot be (a read-only folder)', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions: use a file where the template needs a folder instead.
      const dir = existingProject();
      writeFileSync(join(dir, 'src', 'renderer'), 'in the way');
      const before = hashTree(dir);
      // findCollisions refuses this up front; the rename-level rollback is unit-tested in write-plan.test.ts.
      const result = await runCli(['existing', ...QUICK, '--force'], { cwd: sandbox });
      expect(result.code, output(result)).toBe(1);
      expect(result.stderr).toContain('  src/renderer (a file where the app needs a folder)\n');
      expect(result.stderr.split('\n').filter((line) => line.includes('src/renderer'))).toHaveLength(1);
      expect(hashTree(dir)).toEqual(before);
      return;
    }
    const dir = existingProject();
    mkdirSync(join(dir, 'src', 'renderer'));
    chmodSync(join(dir, 'src', 'renderer'), 0o500);
    const before = hashTree(dir);
    const result = await runCli(['existing', ...QUICK, '--force'], { cwd: sandbox });
    chmodSync(join(dir, 'src', 'renderer'), 0o700);
    expect(result.code, output(result)).toBe(1);
    expect(hashTree(dir)).toEqual(before);
  });
});

describe.skipIf(ON_WINDOWS)('Ctrl+C (SIGINT) while writing', () => {
  const slow = writeFaults({ WRITE_FAULTS_DELAY_MS: '100' });
  const interruptWhenWriting = (child: import('node:child_process').ChildProcess, stdout: string) => {
    if (stdout.includes('Writing ') && !child.killed) child.kill('SIGINT');
  };

  it('removes the directory it created and exits 130', async () => {
    const result = await runCli(['new-app', ...QUICK], { cwd: sandbox, ...slow, onStdout: interruptWhenWriting });
    expect(result.code, output(result)).toBe(130);
    expect(result.stdout).toMatch(/Cancelled while writing/);
    expect(existsSync(join(sandbox, 'new-app'))).toBe(false);
  });

  it('leaves a pre-existing directory as it was and exits 130', async () => {
    const dir = existingProject();
    const before = hashTree(dir);
    const result = await runCli(['existing', ...QUICK, '--force'], { cwd: sandbox, ...slow, onStdout: interruptWhenWriting });
    expect(result.code, output(result)).toBe(130);
    expect(hashTree(dir)).toEqual(before);
  });
});

describe.skipIf(ON_WINDOWS)('a failed install', () => {
  /** A fake npm that fails like a real one would, and records whether ELECTRON_SKIP_BINARY_DOWNLOAD reached it. */
  function fakeNpm(exitCode: number): string {
    const bin = join(root, 'fake-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, 'npm'),
      `#!/bin/sh\necho "\${ELECTRON_SKIP_BINARY_DOWNLOAD-unset}" > "${join(root, 'skip-download.txt')}"\necho "npm error code E404 fake registry failure" >&2\nexit ${exitCode}\n`,
    );
    chmodSync(join(bin, 'npm'), 0o755);
    return `${bin}:${process.env.PATH}`;
  }

  it('keeps the project, shows the package manager output, prints the retry command, exits 1', async () => {
    const result = await runCli(['my dir/my-app', '--no-git', '--backend', 'none'], { cwd: sandbox, env: { PATH: fakeNpm(1) } });
    expect(result.code, output(result)).toBe(1);
    expect(result.stderr).toContain('fake registry failure');
    expect(result.stderr).toContain("To retry the install: cd 'my dir/my-app' && npm install");
    expect(existsSync(join(sandbox, 'my dir', 'my-app', 'package.json'))).toBe(true);
    // We never set ELECTRON_SKIP_BINARY_DOWNLOAD for the user...
    expect(readFileSync(join(root, 'skip-download.txt'), 'utf8').trim()).toBe('unset');
  });

  it('passes the environment through (ELECTRON_SKIP_BINARY_DOWNLOAD when the user set it)', async () => {
    const result = await runCli(['app', '--no-git', '--backend', 'none'], {
      cwd: sandbox,
      env: { PATH: fakeNpm(0), ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toMatch(/Installing dependencies with npm…\nDependencies installed \(\d/);
    expect(readFileSync(join(root, 'skip-download.txt'), 'utf8').trim()).toBe('1');
  });

  it('leaves pre-existing files alone (--force)', async () => {
    const dir = existingProject();
    const before = hashTree(dir);
    const result = await runCli(['existing', '--no-git', '--backend', 'none', '--force'], {
      cwd: sandbox,
      env: { PATH: fakeNpm(1) },
    });
    expect(result.code, output(result)).toBe(1);
    expectEverythingKept(dir, before);
  });
});

describe('git', () => {
  /** No global or system git config: the user has no identity. */
  const noIdentity = () => {
    const home = join(root, 'home');
    mkdirSync(home, { recursive: true });
    return { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(home, 'none') };
  };

  it('commits without a configured identity, using a fallback only for that commit', async () => {
    const env = noIdentity();
    const result = await runCli(['app', '--no-install', '--backend', 'none'], { cwd: sandbox, env });
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain('Created a git repository with a first commit.');
    const log = execFileSync('git', ['log', '--format=%an <%ae>|%s'], {
      cwd: join(sandbox, 'app'),
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(log.trim()).toBe(
      'create-electron-clerk-trpc <noreply@create-electron-clerk-trpc.invalid>|Initial commit from create-electron-clerk-trpc',
    );
    const config = execFileSync('git', ['config', '--list', '--local'], { cwd: join(sandbox, 'app'), encoding: 'utf8' });
    expect(config).not.toContain('user.');
    const status = execFileSync('git', ['status', '--porcelain'], {
      cwd: join(sandbox, 'app'),
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(status).toBe('');
  });

  it('skips with a one-line note inside an existing work tree', async () => {
    const env = noIdentity();
    execFileSync('git', ['init', '-q'], { cwd: sandbox, env: { ...process.env, ...env } });
    const result = await runCli(['app', '--no-install', '--backend', 'none'], { cwd: sandbox, env });
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toMatch(/Note: the directory is already inside a git work tree; skipped git init\./);
    expect(existsSync(join(sandbox, 'app', '.git'))).toBe(false);
  });

  it('commits only the files it wrote into a pre-existing folder', async () => {
    const env = { ...noIdentity(), GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com' };
    const dir = existingProject();
    const result = await runCli(['existing', '--no-install', '--backend', 'none', '--force'], { cwd: sandbox, env });
    expect(result.code, output(result)).toBe(0);
    const files = execFileSync('git', ['ls-files'], { cwd: dir, encoding: 'utf8' }).split('\n');
    expect(files).toContain('package.json');
    expect(files).not.toContain('notes.md');
    expect(files).not.toContain('src/main/mine.ts');
    const author = execFileSync('git', ['log', '--format=%an <%ae>'], { cwd: dir, encoding: 'utf8' });
    expect(author.trim()).toBe('Ada <ada@example.com>');
  });
});

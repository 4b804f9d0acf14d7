import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  existsSync,
  readdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/errors.js';
import { findCollisions, inspectTarget } from '../../src/io/target-dir.js';
import { REPLACED_ROOT_GITIGNORE, writePlan } from '../../src/io/write-plan.js';
import { hashTree } from '../cli/helpers/tree.js';

let sandbox: string;
beforeEach(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'cect-write-'));
});
afterEach(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

const plan = () =>
  new Map([
    ['README.md', Buffer.from('# app\n')],
    ['package.json', Buffer.from('{}\n')],
    ['src/main/index.ts', Buffer.from('main\n')],
    ['src/renderer/index.html', Buffer.from('<html>\n')],
  ]);

function existingProject(): string {
  const dir = join(sandbox, 'existing');
  mkdirSync(join(dir, 'src', 'main'), { recursive: true });
  writeFileSync(join(dir, 'README.md'), 'my notes\n');
  writeFileSync(join(dir, 'keep.txt'), 'mine\n');
  writeFileSync(join(dir, 'src', 'main', 'other.ts'), 'other\n');
  return dir;
}

describe('writePlan', () => {
  it('creates missing folders and writes every file, and nothing else', async () => {
    const target = join(sandbox, 'a', 'b', 'app');
    const result = await writePlan(target, plan());
    expect(result.replaced).toEqual([]);
    expect(readFileSync(join(target, 'src/main/index.ts'), 'utf8')).toBe('main\n');
    expect(readdirSync(target).sort()).toEqual(['README.md', 'package.json', 'src']);
  });

  it('writes each file straight into place: earlier files are at their final paths while later ones are written', async () => {
    const target = join(sandbox, 'app');
    const seen: string[][] = [];
    await writePlan(target, plan(), {
      beforeFile: (_path, index) => void (index === 2 && seen.push(readdirSync(target).sort())),
    });
    expect(seen).toEqual([['README.md', 'package.json']]);
  });

  it('writes an empty existing folder in place, and on failure empties it again but keeps it', async () => {
    const target = join(sandbox, 'empty');
    mkdirSync(target);
    const failing = writePlan(target, plan(), {
      beforeFile: (_path, index) => {
        if (index === 3) throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(readdirSync(target)).toEqual([]);
  });

  it('never overwrites a file that appears at a planned path while writing, and keeps it on rollback', async () => {
    const target = join(sandbox, 'new', 'app');
    const writing = writePlan(target, plan(), {
      beforeFile: (path) => {
        if (path === 'src/main/index.ts') {
          mkdirSync(join(target, 'src', 'main'), { recursive: true });
          writeFileSync(join(target, path), 'written by someone else\n');
        }
      },
    });
    await expect(writing).rejects.toThrow(/EEXIST/);
    expect(readFileSync(join(target, 'src/main/index.ts'), 'utf8')).toBe('written by someone else\n');
    expect(existsSync(join(target, 'README.md'))).toBe(false);
  });

  it('replaces nothing in a folder that was empty: a file appearing there meanwhile fails the write and is kept', async () => {
    const target = join(sandbox, 'empty');
    mkdirSync(target);
    const writing = writePlan(target, plan(), {
      beforeFile: (path) => {
        if (path === 'package.json') writeFileSync(join(target, path), 'theirs\n');
      },
    });
    await expect(writing).rejects.toThrow(/EEXIST/);
    expect(readdirSync(target)).toEqual(['package.json']);
    expect(readFileSync(join(target, 'package.json'), 'utf8')).toBe('theirs\n');
  });

  it('replaces existing files at planned paths, lists them, and leaves the rest untouched', async () => {
    const target = existingProject();
    const result = await writePlan(target, plan());
    expect(result.replaced).toEqual(['README.md']);
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toBe('# app\n');
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(target, 'src/main/other.ts'), 'utf8')).toBe('other\n');
  });

  it('keeps every replaced file in a git-ignored backup folder inside the target, and names it', async () => {
    const target = existingProject();
    const result = await writePlan(target, plan());
    expect(result.backupDir).toBeDefined();
    expect(result.backupDir!.startsWith(join(target, '.create-electron-clerk-trpc-backup-'))).toBe(true);
    expect(readFileSync(join(result.backupDir!, 'README.md'), 'utf8')).toBe('my notes\n');
    expect(readFileSync(join(result.backupDir!, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(readdirSync(target).filter((name) => name.startsWith('.create-electron-clerk-trpc-'))).toEqual([
      basename(result.backupDir!),
    ]);
  });

  it('keeps the backup folder ignored when the root .gitignore is replaced, and that file too', async () => {
    const target = existingProject();
    writeFileSync(join(target, '.gitignore'), 'secret.pem\n');
    const result = await writePlan(target, new Map([...plan(), ['.gitignore', Buffer.from('secret.pem\nout\n')]]));
    expect(readFileSync(join(result.backupDir!, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(readFileSync(join(result.backupDir!, REPLACED_ROOT_GITIGNORE), 'utf8')).toBe('secret.pem\n');
  });

  it('neither backs up nor rewrites a file whose contents are the same', async () => {
    const target = existingProject();
    writeFileSync(join(target, 'package.json'), '{}\n');
    const before = statSync(join(target, 'package.json')).ino;
    const result = await writePlan(target, plan());
    expect(result.replaced).toEqual(['README.md']);
    expect(statSync(join(target, 'package.json')).ino).toBe(before);
    expect(existsSync(join(result.backupDir!, 'package.json'))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('gives a replaced file the permissions the old one had', async () => {
    const target = existingProject();
    writeFileSync(join(target, '.env'), 'SECRET=1\n', { mode: 0o600 });
    await writePlan(target, new Map([...plan(), ['.env', Buffer.from('SECRET=1\nVITE_X=2\n')]]));
    expect(statSync(join(target, '.env')).mode & 0o777).toBe(0o600);
    expect(statSync(join(target, 'README.md')).mode & 0o777).not.toBe(0);
  });

  it('makes no backup folder when nothing was replaced', async () => {
    const target = join(sandbox, 'other');
    mkdirSync(target);
    writeFileSync(join(target, 'unrelated.txt'), 'x');
    const result = await writePlan(target, plan());
    expect(result.backupDir).toBeUndefined();
    expect(readdirSync(target).filter((name) => name.startsWith('.create-electron-clerk-trpc-'))).toEqual([]);
  });

  it('removes a folder it created when a write fails half way', async () => {
    const parent = join(sandbox, 'new-parent');
    const target = join(parent, 'app');
    const failing = writePlan(target, plan(), {
      beforeFile: (_path, index) => {
        if (index === 2) throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(existsSync(parent)).toBe(false);
    expect(readdirSync(sandbox)).toEqual([]);
  });

  it('leaves a pre-existing folder byte for byte as it was when a write fails half way', async () => {
    const target = existingProject();
    const before = hashTree(target);
    await expect(
      writePlan(target, plan(), {
        beforeFile: (_path, index) => {
          if (index === 3) throw new Error('boom');
        },
      }),
    ).rejects.toThrow('boom');
    expect(hashTree(target)).toEqual(before);
  });

  it('undoes renames already done when moving into place fails (a file where a folder must go)', async () => {
    const target = existingProject();
    // "src/renderer" is a file: index.html cannot be placed after README.md etc. already were.
    writeFileSync(join(target, 'src', 'renderer'), 'a file in the way\n');
    const before = hashTree(target);
    await expect(writePlan(target, plan())).rejects.toThrow();
    expect(hashTree(target)).toEqual(before);
  });

  it('rolls back when cancelled', async () => {
    const target = existingProject();
    const before = hashTree(target);
    const controller = new AbortController();
    const writing = writePlan(target, plan(), {
      signal: controller.signal,
      beforeFile: (_path, index) => {
        if (index === 1) controller.abort();
      },
    });
    await expect(writing).rejects.toBeInstanceOf(CancelledError);
    expect(hashTree(target)).toEqual(before);
  });
});

describe('inspectTarget and findCollisions', () => {
  it('moves files to remove into the backup folder, and puts them back when a later step fails', async () => {
    const target = existingProject();
    const result = await writePlan(target, new Map([['README.md', Buffer.from('# new\n')]]), { remove: ['keep.txt'] });
    expect(existsSync(join(target, 'keep.txt'))).toBe(false);
    expect(readFileSync(join(result.backupDir!, 'keep.txt'), 'utf8')).toBe('mine\n');
    expect(result.replaced).toEqual(['README.md', 'keep.txt']);

    rmSync(target, { recursive: true });
    const again = existingProject();
    const before = hashTree(again);
    // The second removal fails (no such file): the first is undone with everything else.
    await expect(writePlan(again, plan(), { remove: ['keep.txt', 'gone.txt'] })).rejects.toThrow();
    expect(hashTree(again)).toEqual(before);
  });

  it('describes new, empty and non-empty folders, and refuses a file', async () => {
    expect(inspectTarget(join(sandbox, 'nope'))).toMatchObject({ exists: false, entries: [] });
    expect(inspectTarget(sandbox)).toMatchObject({ exists: true, entries: [] });
    const dir = existingProject();
    expect(inspectTarget(dir)).toMatchObject({ exists: true, entries: ['README.md', 'keep.txt', 'src'] });
    expect(inspectTarget(join(dir, 'keep.txt'))).toMatch(/not a directory/);
  });

  it('names a file that stands where a folder must go once, however many files go under it', () => {
    const dir = existingProject();
    rmSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src'), 'file');
    const collisions = findCollisions(dir, ['src/a.ts', 'src/main/b.ts', 'src/renderer/c.ts', 'other.ts']);
    expect(collisions.blocked).toEqual(['src (a file where the app needs a folder)']);
  });

  it('refuses a folder the user may not write to, naming it and why, before anything is written', () => {
    const denied = (code: string) => () => {
      throw Object.assign(new Error(code), { code });
    };
    expect(inspectTarget(join(sandbox, 'new', 'app'), denied('EACCES'))).toBe(
      `cannot create files in ${sandbox}: you do not have permission to write to it`,
    );
    expect(inspectTarget(sandbox, denied('EROFS'))).toBe(`cannot create files in ${sandbox}: it is on a read-only file system`);
    expect(inspectTarget(sandbox, () => {})).toMatchObject({ exists: true });
  });

  it('finds files --force would replace and paths it could only write by deleting', async () => {
    const dir = existingProject();
    mkdirSync(join(dir, 'package.json'));
    writeFileSync(join(dir, 'src', 'renderer'), 'file');
    const collisions = findCollisions(dir, plan().keys());
    expect(collisions.replaced).toEqual(['README.md']);
    expect(collisions.blocked).toEqual([
      'package.json (a folder is in the way)',
      'src/renderer (a file where the app needs a folder)',
    ]);
  });

  it('treats a symlinked folder as blocked so nothing is written outside the target', async () => {
    const dir = existingProject();
    const outside = join(sandbox, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(dir, 'linked'));
    const collisions = findCollisions(dir, ['linked/file.ts']);
    expect(collisions.blocked).toEqual(['linked (a file where the app needs a folder)']);
  });
});

/**
 * Writes a plan so that nothing is lost, one file at a time straight into place, while a journal
 * records every step:
 * - a file is created exclusively, so one appearing at a planned path meanwhile is never overwritten;
 * - a file already at a planned path (--force) is first moved into a backup folder inside the target
 *   (which ignores itself in git), where it stays: a replaced file is never gone;
 * - on failure or Ctrl+C the journal is undone in reverse: our files and folders are removed,
 *   replaced files are moved back, the backup folder goes and the folder is left as it was.
 *
 * The per-file steps use synchronous calls: a project is ~100 small files, and hundreds of awaited
 * fs calls cost more than the writes. Between files the loop yields to the event loop, so a Ctrl+C
 * that arrives mid-write is seen before the next file.
 */
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CancelledError } from '../core/errors.js';
import type { FilePlan } from '../plan/planner.js';

export const BACKUP_PREFIX = '.create-electron-clerk-trpc-backup-';
/** The backup of a replaced root .gitignore: the backup folder's own .gitignore ignores the folder. */
export const REPLACED_ROOT_GITIGNORE = '.gitignore.replaced';

export interface WriteOptions {
  /** Aborted on Ctrl+C: writing stops and everything is rolled back */
  signal?: AbortSignal;
  /** Called before each file is written (tests stop or slow the write with it) */
  beforeFile?: (path: string, index: number) => Promise<void> | void;
  /** Files to take out of the project (an upgrade): moved into the backup folder, like replaced ones */
  remove?: readonly string[];
}

export interface WriteResult {
  /** Existing files that were replaced (only with --force), then those removed */
  replaced: string[];
  /** Where the replaced files' previous contents are kept (absolute), when any were replaced */
  backupDir?: string;
}

type JournalEntry =
  | { kind: 'created-dir'; path: string }
  | { kind: 'moved-away'; from: string; to: string }
  | { kind: 'placed'; path: string }
  | { kind: 'created-backup'; path: string };

/** The first ancestor of `path` (or path itself) that does not exist yet, or undefined. */
function topmostMissing(path: string): string | undefined {
  let missing: string | undefined;
  let current = resolve(path);
  while (!statSync(current, { throwIfNoEntry: false })) {
    missing = current;
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return missing;
}

function throwIfCancelled(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new CancelledError('Cancelled while writing; everything written so far was removed.');
}

export async function writePlan(target: string, plan: FilePlan, options: WriteOptions = {}): Promise<WriteResult> {
  const createdRoot = topmostMissing(target);
  const journal: JournalEntry[] = [];
  const replaced: string[] = [];
  let backups: string | undefined;
  const moveToBackup = (path: string) => {
    backups ??= createBackupDir(target, journal);
    // The root .gitignore's backup must not replace the backup folder's own `*` ignore file.
    const backup = join(backups, path === '.gitignore' ? REPLACED_ROOT_GITIGNORE : path);
    mkdirSync(dirname(backup), { recursive: true });
    renameSync(join(target, path), backup);
    journal.push({ kind: 'moved-away', from: join(target, path), to: backup });
    replaced.push(path);
  };
  try {
    mkdirSync(target, { recursive: true });
    // Only a folder that held something (the caller asked for --force) can have files to replace;
    // in a new or empty one a file appearing meanwhile at a planned path makes the write fail instead.
    const mayReplace = createdRoot === undefined && readdirSync(target).length > 0;
    const knownDirs = new Set<string>();
    let index = 0;
    for (const [path, contents] of plan) {
      await beforeEachFile(options, path, index++);
      ensureDir(target, dirname(path), journal, knownDirs);
      const final = join(target, path);
      const existing = mayReplace ? lstatSync(final, { throwIfNoEntry: false }) : undefined;
      // The same bytes already there: nothing to back up or rewrite.
      if (existing?.isFile() && readFileSync(final).equals(contents)) continue;
      if (existing) moveToBackup(path);
      writeFileSync(final, contents, { flag: 'wx' });
      journal.push({ kind: 'placed', path: final });
      // A replaced file keeps its permissions: a merged .env that was 0600 stays 0600.
      if (existing?.isFile()) chmodSync(final, existing.mode & 0o7777);
    }
    for (const path of options.remove ?? []) {
      throwIfCancelled(options.signal);
      moveToBackup(path);
    }
    throwIfCancelled(options.signal);
    return backups ? { replaced, backupDir: backups } : { replaced };
  } catch (error) {
    rollback(resolve(target), journal, createdRoot);
    throw error;
  }
}

/** Between files: let a pending signal handler run, stop if cancelled, and run the hook. */
async function beforeEachFile(options: WriteOptions, path: string, index: number) {
  await new Promise((resume) => setImmediate(resume));
  throwIfCancelled(options.signal);
  if (options.beforeFile) {
    await options.beforeFile(path, index);
    throwIfCancelled(options.signal);
  }
}

/** A new, uniquely named folder for the replaced files, ignored by git (it holds the user's old .env). */
function createBackupDir(target: string, journal: JournalEntry[]): string {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  for (let attempt = 0; ; attempt++) {
    const dir = join(target, `${BACKUP_PREFIX}${stamp}${attempt === 0 ? '' : `-${attempt}`}`);
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    journal.push({ kind: 'created-backup', path: dir });
    writeFileSync(
      join(dir, '.gitignore'),
      '# Files create-electron-clerk-trpc replaced or removed (--force, upgrade, add); kept for you, never committed.\n*\n',
    );
    return dir;
  }
}

/** mkdir one level at a time so each folder we create is journaled (and removed on rollback). */
function ensureDir(root: string, relative: string, journal: JournalEntry[], known: Set<string>) {
  if (relative === '.' || relative === '' || known.has(relative)) return;
  const parts = relative.split('/');
  for (let depth = 1; depth <= parts.length; depth++) {
    const folder = parts.slice(0, depth).join('/');
    if (known.has(folder)) continue;
    const full = join(root, folder);
    try {
      mkdirSync(full);
      journal.push({ kind: 'created-dir', path: full });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    known.add(folder);
  }
}

function rollback(target: string, journal: readonly JournalEntry[], createdRoot: string | undefined) {
  // Best effort throughout: one step failing must not stop the others.
  let backupStillHoldsTheirs = false;
  for (const entry of [...journal].reverse()) {
    try {
      if (entry.kind === 'placed') rmSync(entry.path, { force: true });
      else if (entry.kind === 'moved-away') renameSync(entry.to, entry.from);
      // Only once every replaced file is back where it was: then what is left in it is ours.
      else if (entry.kind === 'created-backup') {
        if (!backupStillHoldsTheirs) rmSync(entry.path, { recursive: true, force: true });
      } else rmdirSync(entry.path);
    } catch {
      if (entry.kind === 'moved-away') backupStillHoldsTheirs = true;
      // keep going
    }
  }
  // Folders we created above the project go too, but only while empty: anything another process
  // put there meanwhile is not ours to delete.
  if (createdRoot) {
    for (let dir = target; ; dir = dirname(dir)) {
      // A folder that was never made (mkdir failed below it) is skipped; one that is not empty stops the walk.
      let removed = true;
      try {
        rmdirSync(dir);
      } catch (error) {
        removed = (error as NodeJS.ErrnoException).code === 'ENOENT';
      }
      if (!removed || dir === createdRoot || dirname(dir) === dir) break;
    }
  }
}

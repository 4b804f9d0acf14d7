/**
 * Writes a plan so that nothing is lost: every file goes to a staging folder inside the target
 * (same filesystem, so the final step is renames), then is renamed into place while a journal
 * records each step. On failure or cancel the journal is undone in reverse: a target we created is
 * removed, a pre-existing target is left as it was (replaced files are moved back).
 *
 * The per-file steps use synchronous calls: a project is ~100 small files, and hundreds of awaited
 * fs calls cost more than the writes. Ctrl+C is still honoured between files whenever the loop
 * awaits (the `beforeFile` hook), and before anything is renamed into place.
 */
import { lstatSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CancelledError } from '../cli/errors.js';
import type { FilePlan } from '../plan/planner.js';

export const STAGING_PREFIX = '.create-electron-clerk-trpc-staging-';

export interface WriteOptions {
  /** Aborted on Ctrl+C: writing stops and everything is rolled back */
  signal?: AbortSignal;
  /** Called before each file is staged (progress; test hooks) */
  beforeFile?: (path: string, index: number) => Promise<void> | void;
}

export interface WriteResult {
  /** Existing files that were replaced (only with --force) */
  replaced: string[];
}

type JournalEntry =
  | { kind: 'created-dir'; path: string }
  | { kind: 'moved-away'; from: string; to: string }
  | { kind: 'placed'; path: string };

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The first ancestor of `path` (or path itself) that does not exist yet, or undefined. */
async function topmostMissing(path: string): Promise<string | undefined> {
  let missing: string | undefined;
  let current = resolve(path);
  while (!(await exists(current))) {
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
  const createdRoot = await topmostMissing(target);
  const journal: JournalEntry[] = [];
  let staging: string | undefined;
  try {
    await mkdir(target, { recursive: true });
    staging = await mkdtemp(join(target, STAGING_PREFIX));
    const stagedFiles = join(staging, 'files');
    const backups = join(staging, 'replaced');

    const stagedDirs = new Set<string>();
    let index = 0;
    for (const [path, contents] of plan) {
      throwIfCancelled(options.signal);
      if (options.beforeFile) {
        await options.beforeFile(path, index);
        throwIfCancelled(options.signal);
      }
      index++;
      const staged = join(stagedFiles, path);
      const stagedDir = dirname(staged);
      if (!stagedDirs.has(stagedDir)) {
        mkdirSync(stagedDir, { recursive: true });
        stagedDirs.add(stagedDir);
      }
      writeFileSync(staged, contents);
    }
    throwIfCancelled(options.signal);

    const replaced: string[] = [];
    const knownDirs = new Set<string>();
    for (const path of plan.keys()) {
      const final = join(target, path);
      ensureDir(target, dirname(path), journal, knownDirs);
      if (lstatSync(final, { throwIfNoEntry: false })) {
        const backup = join(backups, path);
        mkdirSync(dirname(backup), { recursive: true });
        renameSync(final, backup);
        journal.push({ kind: 'moved-away', from: final, to: backup });
        replaced.push(path);
      }
      renameSync(join(stagedFiles, path), final);
      journal.push({ kind: 'placed', path: final });
    }
    await rm(staging, { recursive: true, force: true });
    return { replaced };
  } catch (error) {
    await rollback(journal, staging, createdRoot);
    throw error;
  }
}

/** mkdir one level at a time so each folder we create is journaled (and removed on rollback). */
function ensureDir(root: string, relative: string, journal: JournalEntry[], known: Set<string>) {
  if (relative === '.' || relative === '') return;
  let current = root;
  for (const part of relative.split('/')) {
    current = join(current, part);
    if (known.has(current)) continue;
    try {
      mkdirSync(current);
      journal.push({ kind: 'created-dir', path: current });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    known.add(current);
  }
}

async function rollback(journal: readonly JournalEntry[], staging: string | undefined, createdRoot: string | undefined) {
  // Best effort throughout: one step failing must not stop the others.
  for (const entry of [...journal].reverse()) {
    try {
      if (entry.kind === 'placed') await rm(entry.path, { force: true });
      else if (entry.kind === 'moved-away') await rename(entry.to, entry.from);
      else await rmdir(entry.path);
    } catch {
      // keep going
    }
  }
  if (staging) await rm(staging, { recursive: true, force: true }).catch(() => {});
  if (createdRoot) await rm(createdRoot, { recursive: true, force: true }).catch(() => {});
}

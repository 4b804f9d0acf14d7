/**
 * What is at the target directory now, and how a plan would collide with it. Synchronous: a
 * handful of calls made once, where awaiting the thread pool would cost more than the calls.
 */
import { accessSync, constants, lstatSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface TargetState {
  /** Absolute path */
  path: string;
  exists: boolean;
  /** Top-level entry names, sorted; empty when the directory is new or empty */
  entries: string[];
}

function lstatOrUndefined(path: string) {
  return lstatSync(path, { throwIfNoEntry: false });
}

/** Throws when the current user may not create entries in the folder (accessSync's contract). */
export type CheckWritable = (folder: string) => void;
const checkWritable: CheckWritable = (folder) => accessSync(folder, constants.W_OK);

/**
 * Returns a message for a target that cannot be used at all (a file, unreadable, or in a folder
 * the user may not write to), else the state.
 */
export function inspectTarget(path: string, canWrite: CheckWritable = checkWritable): TargetState | string {
  const stats = lstatOrUndefined(path);
  if (!stats) {
    const problem = writeProblem(nearestExistingFolder(path), canWrite);
    return problem ?? { path, exists: false, entries: [] };
  }
  if (!stats.isDirectory()) return `${path} exists and is not a directory`;
  let entries: string[];
  try {
    entries = readdirSync(path).sort();
  } catch (error) {
    return `cannot read ${path}: ${(error as Error).message}`;
  }
  return writeProblem(path, canWrite) ?? { path, exists: true, entries };
}

/** The folder a new target would be created in: its closest ancestor that exists. */
function nearestExistingFolder(path: string): string {
  let current = dirname(path);
  while (!lstatOrUndefined(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

function writeProblem(folder: string, canWrite: CheckWritable): string | undefined {
  try {
    canWrite(folder);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EROFS' ? 'it is on a read-only file system' : 'you do not have permission to write to it';
    return `cannot create files in ${folder}: ${why}`;
  }
}

export interface Collisions {
  /** Existing files (or symlinks) at planned paths: --force replaces them */
  replaced: string[];
  /** Planned paths that cannot be written without deleting something (a directory in the way, a file where a folder must go, a symlinked folder) */
  blocked: string[];
}

/**
 * Compares the plan's paths with what exists under root. Read-only. A file where the plan needs a
 * folder is reported once, however many planned files go under it.
 */
export function findCollisions(root: string, paths: Iterable<string>): Collisions {
  const replaced: string[] = [];
  const blocked: string[] = [];
  const checkedDirs = new Map<string, boolean>();
  const reportedDirs = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    let blockedBy: string | undefined;
    for (let i = 1; i < parts.length && !blockedBy; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!checkedDirs.has(dir)) {
        const stats = lstatOrUndefined(join(root, dir));
        checkedDirs.set(dir, stats === undefined || stats.isDirectory());
      }
      if (!checkedDirs.get(dir)) blockedBy = dir;
    }
    if (blockedBy) {
      if (!reportedDirs.has(blockedBy)) blocked.push(`${blockedBy} (a file where the app needs a folder)`);
      reportedDirs.add(blockedBy);
      continue;
    }
    const stats = lstatOrUndefined(join(root, path));
    if (!stats) continue;
    if (stats.isDirectory()) blocked.push(`${path} (a folder is in the way)`);
    else replaced.push(path);
  }
  return { replaced, blocked };
}

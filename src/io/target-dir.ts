/**
 * What is at the target directory now, and how a plan would collide with it. Synchronous: a
 * handful of calls made once, where awaiting the thread pool would cost more than the calls.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

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

/** Returns a message for a target that cannot be used at all (a file, unreadable), else the state. */
export function inspectTarget(path: string): TargetState | string {
  const stats = lstatOrUndefined(path);
  if (!stats) return { path, exists: false, entries: [] };
  if (!stats.isDirectory()) return `${path} exists and is not a directory`;
  try {
    return { path, exists: true, entries: readdirSync(path).sort() };
  } catch (error) {
    return `cannot read ${path}: ${(error as Error).message}`;
  }
}

export interface Collisions {
  /** Existing files (or symlinks) at planned paths: --force replaces them */
  replaced: string[];
  /** Planned paths that cannot be written without deleting something (a directory in the way, a file where a folder must go, a symlinked folder) */
  blocked: string[];
}

/** Compares the plan's paths with what exists under root. Read-only. */
export function findCollisions(root: string, paths: Iterable<string>): Collisions {
  const replaced: string[] = [];
  const blocked: string[] = [];
  const checkedDirs = new Map<string, boolean>();
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
      blocked.push(`${path} (${blockedBy} is not a folder)`);
      continue;
    }
    const stats = lstatOrUndefined(join(root, path));
    if (!stats) continue;
    if (stats.isDirectory()) blocked.push(`${path} (a folder is in the way)`);
    else replaced.push(path);
  }
  return { replaced, blocked };
}

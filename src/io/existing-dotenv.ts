/** Reads the user's existing .env-style files for the --force merge (src/core/dotenv-merge.ts). */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDotenvPath, mergeDotenv } from '../core/dotenv-merge.js';
import type { FilePlan } from '../plan/planner.js';

export interface DotenvNote {
  path: string;
  /** Keys appended to the user's file */
  added: string[];
}

/**
 * With --force, a .env (or .dev.vars) the user already has keeps every line; only missing keys are
 * added. A file that would not change is left out of the plan, so it is not even touched.
 */
export function mergeExistingDotenvFiles(target: string, plan: FilePlan): DotenvNote[] {
  const notes: DotenvNote[] = [];
  for (const [path, contents] of plan) {
    if (!isDotenvPath(path)) continue;
    const existingPath = join(target, path);
    const stats = statSync(existingPath, { throwIfNoEntry: false });
    if (!stats?.isFile()) continue;
    const existing = readFileSync(existingPath, 'utf8');
    const merge = mergeDotenv(existing, contents.toString('utf8'));
    if (merge.added.length === 0) plan.delete(path);
    else {
      plan.set(path, Buffer.from(merge.contents));
      notes.push({ path, added: merge.added });
    }
  }
  return notes;
}

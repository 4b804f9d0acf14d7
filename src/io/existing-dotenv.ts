/**
 * Reads the user's existing .env-style and .gitignore files for the --force merge
 * (src/core/dotenv-merge.ts, src/core/gitignore-merge.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDotenvPath, mergeDotenv } from '../core/dotenv-merge.js';
import { isGitignorePath, mergeGitignore } from '../core/gitignore-merge.js';
import type { FilePlan } from '../plan/planner.js';

export interface DotenvNote {
  path: string;
  /** Keys appended to the user's file */
  added: string[];
}

/**
 * With --force, a .env (or .dev.vars) or .gitignore the user already has keeps every line; only
 * missing keys or patterns are added. A file that would not change is left out of the plan, so it
 * is not even touched.
 */
export function mergeExistingDotenvFiles(target: string, plan: FilePlan): DotenvNote[] {
  const notes: DotenvNote[] = [];
  for (const [path, contents] of plan) {
    const merge = isDotenvPath(path) ? mergeDotenv : isGitignorePath(path) ? mergeGitignore : null;
    if (!merge) continue;
    const existingPath = join(target, path);
    const stats = statSync(existingPath, { throwIfNoEntry: false });
    if (!stats?.isFile()) continue;
    const existing = readFileSync(existingPath, 'utf8');
    const merged = merge(existing, contents.toString('utf8'));
    if (merged.added.length === 0) plan.delete(path);
    else {
      plan.set(path, Buffer.from(merged.contents));
      notes.push({ path, added: merged.added });
    }
  }
  return notes;
}

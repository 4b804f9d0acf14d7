/**
 * The snapshot presets: every framework × backend × token storage, rendered with fixed options and
 * placeholder versions, stored as plain files under test/snapshots/<preset>/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS, FRAMEWORKS, TOKEN_STORAGES, type ProjectOptions } from '../../src/options.js';
import { planProject, type FilePlan } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';
import { VERSIONS, type PackageName } from '../../src/versions.js';

export const SNAPSHOT_ROOT = import.meta.dirname;
const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');

/** Versions change on every bump; the snapshots show where they go, not what they are. */
const PLACEHOLDER_VERSIONS = Object.fromEntries(Object.keys(VERSIONS).map((name) => [name, '<version>'])) as Record<PackageName, string>;

export interface Preset {
  name: string;
  options: ProjectOptions;
}

export const PRESETS: Preset[] = FRAMEWORKS.flatMap((framework) =>
  BACKENDS.flatMap((backend) =>
    TOKEN_STORAGES.map((tokenStorage) => ({
      name: `${framework}-${backend}-${tokenStorage}`,
      options: {
        projectName: 'snapshot-app',
        framework,
        backend,
        tokenStorage,
        packageManager: 'npm' as const,
        scheme: 'snapshot-app',
      },
    })),
  ),
);

export function renderPreset(preset: Preset): FilePlan {
  return planProject(preset.options, readLayersFrom(TEMPLATES), { versions: PLACEHOLDER_VERSIONS });
}

/**
 * A .gitignore inside a snapshot would make git ignore parts of the snapshot itself, and a tracked
 * .env or .dev.vars looks like a leaked secret, so they are stored as `_gitignore`, `_env`, `_dev.vars`.
 */
export function storedPath(planPath: string): string {
  return planPath.replace(/(^|\/)\.(gitignore|env|dev\.vars)$/, '$1_$2');
}

/** Every file under a snapshot folder: stored path → contents. */
export function readStoredTree(dir: string): Map<string, Buffer> {
  const tree = new Map<string, Buffer>();
  let entries: string[] = [];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const entry of entries) {
    try {
      tree.set(entry.split('\\').join('/'), readFileSync(join(dir, entry)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
    }
  }
  return tree;
}

export interface TreeDifference {
  missing: string[];
  unexpected: string[];
  changed: string[];
}

/** Rendered plan vs. stored tree, file by file. */
export function compareTree(plan: FilePlan, stored: Map<string, Buffer>): TreeDifference {
  const expected = new Map([...plan].map(([path, contents]) => [storedPath(path), contents]));
  return {
    missing: [...expected.keys()].filter((path) => !stored.has(path)).sort(),
    unexpected: [...stored.keys()].filter((path) => !expected.has(path)).sort(),
    changed: [...expected.keys()].filter((path) => stored.has(path) && !stored.get(path)!.equals(expected.get(path)!)).sort(),
  };
}

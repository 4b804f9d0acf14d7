/**
 * The snapshot presets: every framework × backend × token storage, and the default with every
 * add-on, rendered with fixed options and placeholder versions.
 *
 * - All 28 are pinned by a manifest, test/snapshots/manifests/<preset>.txt: one line per file with
 *   a hash of its contents, so any change to any combination's output fails a test and names files.
 * - Three of them, which together use every layer (each framework, backend and token storage once),
 *   are stored as readable files under test/snapshots/trees/<preset>/: the first in full, the other
 *   two only where they differ from the first. A template change shows as a readable diff once, not
 *   27 times.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADDON_IDS, BACKENDS, FRAMEWORKS, TOKEN_STORAGES, type ProjectOptions } from '../../src/options.js';
import { planProject, type FilePlan } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';
import { VERSIONS, type PackageName } from '../../src/versions.js';

export const SNAPSHOT_ROOT = import.meta.dirname;
export const TREES_DIR = join(SNAPSHOT_ROOT, 'trees');
export const MANIFESTS_DIR = join(SNAPSHOT_ROOT, 'manifests');

/** The default app with every add-on: its name. */
export const EVERY_ADDON_PRESET = 'react-cloudflare-safe-storage-with-every-addon';

/**
 * Stored as readable trees: between them every framework, backend and token storage layer, and
 * every add-on's (the first in full, the others where they differ from it).
 */
export const FULL_TREE_PRESETS: readonly string[] = [
  'react-cloudflare-safe-storage',
  'vue-node-keychain',
  'vanilla-none-memory',
  EVERY_ADDON_PRESET,
];
const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');

/** Versions change on every bump; the snapshots show where they go, not what they are. */
const PLACEHOLDER_VERSIONS = Object.fromEntries(Object.keys(VERSIONS).map((name) => [name, '<version>'])) as Record<PackageName, string>;

export interface Preset {
  name: string;
  options: ProjectOptions;
}

const COMBINATIONS: Preset[] = FRAMEWORKS.flatMap((framework) =>
  BACKENDS.flatMap((backend) =>
    TOKEN_STORAGES.map((tokenStorage) => ({
      name: `${framework}-${backend}-${tokenStorage}`,
      options: {
        projectName: 'snapshot-app',
        framework,
        backend,
        tokenStorage,
        addons: [],
        packageManager: 'npm' as const,
        scheme: 'snapshot-app',
      },
    })),
  ),
);

export const PRESETS: Preset[] = [
  ...COMBINATIONS,
  { name: EVERY_ADDON_PRESET, options: { ...COMBINATIONS[0]!.options, addons: [...ADDON_IDS] } },
];

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

/** `<sha256, 16 hex>  <bytes>  <stored path>` per file, sorted by path. */
export function manifestOf(plan: FilePlan): string {
  return (
    [...plan]
      .map(([path, contents]) => [storedPath(path), contents] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, contents]) => `${createHash('sha256').update(contents).digest('hex').slice(0, 16)}  ${String(contents.length).padStart(6)}  ${path}`)
      .join('\n') + '\n'
  );
}

/** Lines of two manifests → the paths that differ, are only expected, or only stored. */
export function compareManifests(expected: string, stored: string): TreeDifference {
  const parse = (text: string) =>
    new Map(
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [hash, , ...rest] = line.trim().split(/\s+/);
          return [rest.join(' '), hash!] as const;
        }),
    );
  const want = parse(expected);
  const have = parse(stored);
  return {
    missing: [...want.keys()].filter((path) => !have.has(path)).sort(),
    unexpected: [...have.keys()].filter((path) => !want.has(path)).sort(),
    changed: [...want.keys()].filter((path) => have.has(path) && have.get(path) !== want.get(path)).sort(),
  };
}

/**
 * The files a tree stores: all of them for the first full-tree preset, and for the others only
 * those that differ from the first's (the rest are the first's, byte for byte).
 */
export function storedTreeOf(plan: FilePlan, base: FilePlan | null): FilePlan {
  if (base === null) return plan;
  return new Map([...plan].filter(([path, contents]) => !base.get(path)?.equals(contents)));
}

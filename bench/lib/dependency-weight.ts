import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { treeSize } from './disk.js';

interface LockEntry {
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface DependencyWeight {
  name: string;
  /** package.json that declares it ('' = the app's own) */
  declaredIn: string;
  /** installed packages reachable from it, itself included */
  packages: number;
  bytes: number;
  /** packages and bytes that nothing else declared by the app pulls in */
  exclusivePackages: number;
  exclusiveBytes: number;
}

/** Node's lookup: `from/node_modules/name`, then each ancestor's node_modules, then the root's. */
function resolveFrom(from: string, name: string, installed: Map<string, LockEntry>): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (installed.has(candidate)) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/**
 * How much of node_modules each dependency the app declares brings in, from npm's hidden lockfile
 * (node_modules/.package-lock.json): what it reaches, and what only it reaches.
 */
export function weighDependencies(appDir: string): DependencyWeight[] {
  const lock = JSON.parse(readFileSync(join(appDir, 'node_modules', '.package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const installed = new Map(Object.entries(lock.packages));
  const rootManifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as LockEntry & { workspaces?: string[] };
  // The app and its workspaces (which npm links into node_modules) declare the direct dependencies.
  // Other links (the empty package that `overrides` put in place of unused ones) weigh nothing.
  const declarers: { dir: string; manifest: LockEntry }[] = [{ dir: '', manifest: rootManifest }];
  for (const [path, entry] of installed) {
    if (!entry.link) continue;
    installed.delete(path);
    if (entry.resolved && rootManifest.workspaces?.includes(entry.resolved)) {
      declarers.push({
        dir: entry.resolved,
        manifest: JSON.parse(readFileSync(join(appDir, entry.resolved, 'package.json'), 'utf8')) as LockEntry,
      });
    }
  }

  const sizeCache = new Map<string, number>();
  const sizeOf = (path: string): number => {
    let size = sizeCache.get(path);
    if (size === undefined) {
      size = treeSize(join(appDir, path), (name) => name === 'node_modules').bytes;
      sizeCache.set(path, size);
    }
    return size;
  };
  const closure = (start: string): Set<string> => {
    const seen = new Set<string>();
    const queue = [start];
    while (queue.length > 0) {
      const path = queue.pop()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const entry = installed.get(path)!;
      for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
        const target = resolveFrom(path, name, installed);
        if (target && !seen.has(target)) queue.push(target);
      }
    }
    return seen;
  };

  const direct: { name: string; declaredIn: string; reach: Set<string> }[] = [];
  for (const { dir, manifest } of declarers) {
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.optionalDependencies })) {
      const target = resolveFrom(dir, name, installed);
      if (target) direct.push({ name, declaredIn: dir ? `${dir}/package.json` : 'package.json', reach: closure(target) });
    }
  }
  const reachCount = new Map<string, number>();
  // A package declared in two manifests (e.g. typescript in the app and its backend) counts once per name.
  const byName = new Map<string, Set<string>>();
  for (const d of direct) byName.set(d.name, new Set([...(byName.get(d.name) ?? []), ...d.reach]));
  for (const reach of byName.values()) for (const path of reach) reachCount.set(path, (reachCount.get(path) ?? 0) + 1);

  return direct
    .map(({ name, declaredIn, reach }) => {
      const exclusive = [...byName.get(name)!].filter((path) => reachCount.get(path) === 1);
      return {
        name,
        declaredIn,
        packages: reach.size,
        bytes: [...reach].reduce((sum, path) => sum + sizeOf(path), 0),
        exclusivePackages: exclusive.length,
        exclusiveBytes: exclusive.reduce((sum, path) => sum + sizeOf(path), 0),
      };
    })
    .sort((a, b) => b.exclusiveBytes - a.exclusiveBytes || b.bytes - a.bytes);
}

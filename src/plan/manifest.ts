import type { Layer } from '../layers/types.js';
import type { ProjectOptions } from '../options.js';
import { VERSIONS, type PackageName } from '../versions.js';
import type { VersionMap } from './context.js';

function sortedVersions(names: Iterable<PackageName>, versions: VersionMap): Record<string, string> {
  return Object.fromEntries([...new Set(names)].sort().map((name) => [name, versions[name]]));
}

/** The generated package.json, built from the layers (later layers win on scripts and fields). */
export function buildManifest(
  options: ProjectOptions,
  layers: readonly Layer[],
  versions: VersionMap = VERSIONS,
): Record<string, unknown> {
  const scripts: Record<string, string> = {};
  const extra: Record<string, unknown> = {};
  const dependencies: PackageName[] = [];
  const devDependencies: PackageName[] = [];
  const installScripts = new Set<string>();
  for (const layer of layers) {
    Object.assign(scripts, layer.scripts);
    Object.assign(extra, layer.manifest);
    dependencies.push(...(layer.dependencies ?? []));
    devDependencies.push(...(layer.devDependencies ?? []));
    for (const name of layer.installScripts ?? []) installScripts.add(name);
  }
  const allowed = [...installScripts].sort();
  return {
    name: options.projectName,
    version: '0.1.0',
    private: true,
    ...extra,
    engines: { node: '>=22.12' },
    scripts,
    dependencies: sortedVersions(dependencies, versions),
    devDependencies: sortedVersions(devDependencies.filter((name) => !dependencies.includes(name)), versions),
    // Install scripts the app needs, for each package manager that gates them.
    allowScripts: Object.fromEntries(allowed.map((name) => [name, true])),
    pnpm: { onlyBuiltDependencies: allowed },
    trustedDependencies: allowed,
  };
}

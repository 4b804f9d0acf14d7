import { APP_NODE_RANGE } from '../core/node-version.js';
import { composeScripts } from '../layers/scripts.js';
import type { Layer } from '../layers/types.js';
import type { ProjectOptions } from '../options.js';
import { VERSIONS, type PackageName } from '../versions.js';
import type { VersionMap } from './context.js';
import { collectInstallScriptPolicy, packageManagerManifestFields, unusedDependencyFields } from '../package-managers.js';

const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Direct dependencies at an exact version (in VERSIONS): their install-script approvals are pinned. */
function scriptApprovalPins(names: Iterable<PackageName>, versions: VersionMap): Record<string, string> {
  return Object.fromEntries(
    [...names].filter((name) => EXACT_VERSION.test(VERSIONS[name])).map((name) => [name, versions[name]]),
  );
}

function sortedVersions(names: Iterable<PackageName>, versions: VersionMap): Record<string, string> {
  return Object.fromEntries([...new Set(names)].sort().map((name) => [name, versions[name]]));
}

/** The generated package.json, built from the layers (later layers win on scripts and fields; `overrides` add up). */
export function buildManifest(
  options: ProjectOptions,
  layers: readonly Layer[],
  versions: VersionMap = VERSIONS,
): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  const dependencies: PackageName[] = [];
  const devDependencies: PackageName[] = [];
  for (const layer of layers) {
    const { overrides, ...fields } = layer.manifest ?? {};
    Object.assign(extra, fields);
    if (overrides) extra.overrides = { ...(extra.overrides as object | undefined), ...(overrides as object) };
    dependencies.push(...(layer.dependencies ?? []));
    devDependencies.push(...(layer.devDependencies ?? []));
  }
  const unused = layers.flatMap((layer) => layer.unusedDependencies ?? []);
  for (const [field, entries] of Object.entries(unusedDependencyFields(options.packageManager, unused))) {
    extra[field] = { ...entries, ...(extra[field] as object | undefined) };
  }
  return {
    name: options.projectName,
    version: '0.1.0',
    private: true,
    ...extra,
    engines: { node: APP_NODE_RANGE },
    scripts: composeScripts(layers),
    dependencies: sortedVersions(dependencies, versions),
    devDependencies: sortedVersions(
      devDependencies.filter((name) => !dependencies.includes(name)),
      versions,
    ),
    // Which install scripts run, in the form the chosen package manager reads (pnpm: pnpm-workspace.yaml).
    ...packageManagerManifestFields(
      options.packageManager,
      collectInstallScriptPolicy(layers),
      scriptApprovalPins([...dependencies, ...devDependencies], versions),
    ),
  };
}

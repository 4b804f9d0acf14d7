import type { Layer } from '../layers/types.js';
import type { PackageManager } from '../options.js';

/**
 * What each package manager needs to install a generated app: which dependencies may run their
 * install scripts, and a node_modules layout Electron can load. Only the chosen manager's settings
 * are written, like create-vite: an npm project carries no pnpm or yarn files.
 *
 * - npm (11.10+ gates dependency scripts): `allowScripts` in package.json, true or false per package.
 *   An approval is pinned (`electron@45.5.0`) where the app depends on the package at an exact
 *   version, so an upgrade's new install script is reviewed again; a package that arrives through
 *   another one (esbuild, workerd…) at a version the app does not choose is approved by name, as
 *   `npm approve-scripts --no-allow-scripts-pin` would. Denials are always by name. npm before
 *   11.10 ignores the field and runs every install script.
 * - pnpm: pnpm-workspace.yaml, the only place pnpm 11+ reads settings; `allowBuilds` for pnpm 11+
 *   (which fails the install on a build script nobody approved or denied), and
 *   `onlyBuiltDependencies` / `ignoredBuiltDependencies` for pnpm 10.
 * - yarn (Berry): `.yarnrc.yml` with `nodeLinker: node-modules` (Electron cannot load packages from
 *   Plug'n'Play archives), an empty `yarn.lock` (the project root, even inside another Yarn project)
 *   and `dependenciesMeta.<name>.built` in package.json (Yarn 4.14+ runs only the scripts marked
 *   `built: true`).
 * - bun: `trustedDependencies` in package.json (it then replaces bun's default allow-list).
 */
export interface InstallScriptPolicy {
  /** Packages whose install scripts must run, sorted. */
  allowed: string[];
  /** Packages whose install scripts are known and skipped, sorted; never also allowed. */
  ignored: string[];
}

export function collectInstallScriptPolicy(layers: readonly Layer[]): InstallScriptPolicy {
  const allowed = new Set(layers.flatMap((layer) => layer.installScripts ?? []));
  const ignored = new Set(layers.flatMap((layer) => layer.ignoredInstallScripts ?? []));
  return {
    allowed: [...allowed].sort(),
    // A package one layer needs wins over another layer's "not needed".
    ignored: [...ignored].filter((name) => !allowed.has(name)).sort(),
  };
}

/** Exact versions the app depends on, by package name: approvals of these are pinned (npm). */
export type ScriptApprovalPins = Readonly<Record<string, string>>;

function decisions(policy: InstallScriptPolicy, pins: ScriptApprovalPins = {}): [string, boolean][] {
  return [
    ...policy.allowed.map((name): [string, boolean] => [pins[name] ? `${name}@${pins[name]}` : name, true]),
    ...policy.ignored.map((name): [string, boolean] => [name, false]),
  ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The package.json fields the chosen package manager reads. */
export function packageManagerManifestFields(
  packageManager: PackageManager,
  policy: InstallScriptPolicy,
  pins: ScriptApprovalPins = {},
): Record<string, unknown> {
  switch (packageManager) {
    case 'npm':
      return { allowScripts: Object.fromEntries(decisions(policy, pins)) };
    case 'yarn':
      return {
        dependenciesMeta: Object.fromEntries(decisions(policy).map(([name, built]) => [name, { built }])),
      };
    case 'bun':
      return { trustedDependencies: policy.allowed };
    case 'pnpm':
      return {};
  }
}

const yamlString = (value: string) => `'${value.replace(/'/g, "''")}'`;
const yamlList = (values: readonly string[], indent = '  ') =>
  values.length === 0 ? ' []' : `\n${values.map((value) => `${indent}- ${yamlString(value)}`).join('\n')}`;

function pnpmWorkspaceYaml(policy: InstallScriptPolicy, workspaces: readonly string[]): string {
  const lines: string[] = ['# pnpm settings for this project (pnpm 10 and later read them from this file).'];
  if (workspaces.length > 0) lines.push(`packages:${yamlList(workspaces)}`, '');
  else lines.push('');
  const builds = decisions(policy);
  lines.push(
    '# Dependencies whose install scripts run (true) or are skipped (false).',
    '# pnpm 11+ reads allowBuilds and fails the install on a build script it was not told about;',
    '# pnpm 10 reads the two lists below.',
    `allowBuilds:${builds.length === 0 ? ' {}' : `\n${builds.map(([name, run]) => `  ${yamlString(name)}: ${run}`).join('\n')}`}`,
    `onlyBuiltDependencies:${yamlList(policy.allowed)}`,
    `ignoredBuiltDependencies:${yamlList(policy.ignored)}`,
  );
  return `${lines.join('\n')}\n`;
}

const YARNRC = `# Yarn (Berry): install into a plain node_modules folder, which Electron, electron-vite and
# electron-builder need (Electron cannot load packages from Plug'n'Play archives).
nodeLinker: node-modules
`;

/** Files only the chosen package manager reads: path → contents. */
export function packageManagerFiles(
  packageManager: PackageManager,
  policy: InstallScriptPolicy,
  workspaces: readonly string[],
): Map<string, string> {
  switch (packageManager) {
    case 'pnpm':
      return new Map([['pnpm-workspace.yaml', pnpmWorkspaceYaml(policy, workspaces)]]);
    case 'yarn':
      // An (empty) yarn.lock marks the project root: without it Yarn Berry refuses to install a
      // project created inside another Yarn project's folder.
      return new Map([
        ['.yarnrc.yml', YARNRC],
        ['yarn.lock', ''],
      ]);
    case 'npm':
    case 'bun':
      return new Map();
  }
}

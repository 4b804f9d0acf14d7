/**
 * Everything this CLI knows about npm, pnpm, yarn and bun, in one module: their names, the commands
 * a user types, how to detect the one that ran us and the ones installed, how to start a published
 * CLI with each, and what each needs in a generated app to install it (install-script policy,
 * node_modules layout, dependencies left out). No imports: layers, planner and CLI all read it.
 */
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** The commands a user types for each package manager, used in templates and "next steps". */
export interface PackageManagerCommands {
  install: string;
  /** Prefix to run a package.json script: `npm run`, `pnpm`, `yarn`, `bun run` */
  run: string;
  /**
   * The same inside package.json scripts, where a script name must never be taken for one of the
   * package manager's own commands (`pnpm deploy` is pnpm's, not the script)
   */
  runScript: string;
  /** Run a binary from node_modules: `npx`, `pnpm exec`, `yarn`, `bunx` */
  exec: string;
  /** Add a development dependency: `npm install -D`, `pnpm add -D`, `yarn add -D`, `bun add -d` */
  addDev: string;
}

export const PM_COMMANDS: Record<PackageManager, PackageManagerCommands> = {
  npm: { install: 'npm install', run: 'npm run', runScript: 'npm run', exec: 'npx', addDev: 'npm install -D' },
  pnpm: { install: 'pnpm install', run: 'pnpm', runScript: 'pnpm run', exec: 'pnpm exec', addDev: 'pnpm add -D' },
  yarn: { install: 'yarn', run: 'yarn', runScript: 'yarn', exec: 'yarn', addDev: 'yarn add -D' },
  bun: { install: 'bun install', run: 'bun run', runScript: 'bun run', exec: 'bunx', addDev: 'bun add -d' },
};

/** One line under each choice of the package-manager question. */
export const PACKAGE_MANAGER_HINTS: Record<PackageManager, string> = {
  npm: 'comes with Node.js',
  pnpm: 'fast, content-addressed store',
  yarn: 'Yarn Berry, with a node_modules folder',
  bun: "the Bun runtime's package manager",
};

/**
 * How to run a published CLI (`name@version`) with the package manager that ran us, so the
 * commands we print start it the same way; `userAgent` tells Yarn 1 (no dlx) from Berry.
 */
export function runPublishedCommand(
  packageManager: PackageManager | undefined,
  userAgent: string | undefined,
  published: string,
): string {
  switch (packageManager) {
    case 'pnpm':
      return `pnpm dlx ${published}`;
    case 'bun':
      return `bunx ${published}`;
    case 'yarn':
      // Yarn 1 has no dlx.
      return /^yarn\/1\./.test(userAgent ?? '') ? `npx ${published}` : `yarn dlx ${published}`;
    default:
      return `npx ${published}`;
  }
}

/**
 * The package manager that ran us, from `npm_config_user_agent`, which npm, pnpm, yarn and bun all
 * set for `create`/`dlx`/`exec`: e.g. "pnpm/9.1.0 npm/? node/v22.12.0 linux x64".
 */
export function detectPackageManager(userAgent: string | undefined): PackageManager | undefined {
  if (!userAgent) return undefined;
  const name = userAgent.trim().split(' ')[0]?.split('/')[0];
  return (PACKAGE_MANAGERS as readonly string[]).includes(name ?? '') ? (name as PackageManager) : undefined;
}

export interface PathLookup {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Whether an executable file exists at the path (injected for tests) */
  isExecutable: (path: string) => boolean;
}

/**
 * The package managers on PATH, found by looking for their executables: no process is started,
 * so it costs a few stat calls rather than four `--version` runs.
 */
export function findInstalledPackageManagers(lookup: PathLookup): PackageManager[] {
  return PACKAGE_MANAGERS.filter((name) => findExecutable(name, lookup) !== undefined);
}

/**
 * The file a command name starts, as a shell would find it on PATH: on Windows with each of
 * PATHEXT's extensions (npm, pnpm and yarn are `.cmd` shims there, bun an `.exe`).
 */
export function findExecutable(name: string, { env, platform, isExecutable }: PathLookup): string | undefined {
  const windows = platform === 'win32';
  // Windows spells it Path; Node's env object ignores the case there, a plain object does not.
  const dirs = (env.PATH ?? env.Path ?? '').split(windows ? ';' : ':').filter(Boolean);
  const extensions = windows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase()) : [''];
  for (const dir of dirs) {
    for (const extension of extensions) {
      const candidate = `${dir.replace(/[\\/]+$/, '')}${windows ? '\\' : '/'}${name}${extension}`;
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

const INSTALL_HINTS: Record<PackageManager, string> = {
  npm: 'it comes with Node.js (https://nodejs.org)',
  pnpm: 'https://pnpm.io/installation, or `corepack enable pnpm`',
  yarn: 'https://yarnpkg.com/getting-started/install, or `corepack enable yarn`',
  bun: 'https://bun.sh',
};

/** The refusal for a package manager that is not installed, with the ways out. */
export function missingPackageManagerMessage(
  missing: PackageManager,
  installed: readonly PackageManager[],
  retry: (change: { packageManager: PackageManager } | { install: false }) => string,
): string {
  const others = installed.filter((name) => name !== missing);
  const lines = [`${missing} was not found on PATH, so it cannot install this project. Nothing was written.`];
  lines.push(`  Install it (${INSTALL_HINTS[missing]}) and run the same command again,`);
  if (others.length > 0) lines.push(`  or use one you have: ${retry({ packageManager: others[0]! })}`);
  lines.push(`  or write the files only and install later: ${retry({ install: false })}`);
  return lines.join('\n');
}

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

/** What a layer says about install scripts (src/layers/types.ts Layer has these fields). */
export interface InstallScriptNeeds {
  installScripts?: readonly string[];
  ignoredInstallScripts?: readonly string[];
}

export function collectInstallScriptPolicy(layers: readonly InstallScriptNeeds[]): InstallScriptPolicy {
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

/** npm, yarn and bun install this empty package in place of each unused dependency (pnpm removes them). */
const EMPTY_PACKAGE_DIR = 'scripts/unused-package';

const EMPTY_PACKAGE_MANIFEST = `${JSON.stringify(
  {
    name: 'unused-package',
    version: '0.0.0',
    private: true,
    description: 'Installed (see package.json) in place of dependencies of dependencies that the app never loads.',
  },
  null,
  2,
)}\n`;

/**
 * How the package.json leaves out dependencies of dependencies the app never loads: npm and bun
 * through `overrides`, yarn through `resolutions`, each with the empty package (none of them can
 * remove a dependency); pnpm through `-` in its overrides (pnpm-workspace.yaml), no field here.
 */
export function unusedDependencyFields(
  packageManager: PackageManager,
  unused: readonly string[],
): Record<string, Record<string, string>> {
  if (packageManager === 'pnpm' || unused.length === 0) return {};
  const replacements = Object.fromEntries(unused.map((name) => [name, `file:./${EMPTY_PACKAGE_DIR}`]));
  return packageManager === 'yarn' ? { resolutions: replacements } : { overrides: replacements };
}

const yamlString = (value: string) => `'${value.replace(/'/g, "''")}'`;
const yamlList = (values: readonly string[], indent = '  ') =>
  values.length === 0 ? ' []' : `\n${values.map((value) => `${indent}- ${yamlString(value)}`).join('\n')}`;

function pnpmWorkspaceYaml(policy: InstallScriptPolicy, workspaces: readonly string[], unused: readonly string[]): string {
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
  if (unused.length > 0) {
    lines.push(
      '',
      '# Dependencies of dependencies the app never loads: not installed.',
      `overrides:\n${unused.map((name) => `  ${yamlString(name)}: '-'`).join('\n')}`,
    );
  }
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
  unused: readonly string[] = [],
): Map<string, string> {
  if (packageManager === 'pnpm') return new Map([['pnpm-workspace.yaml', pnpmWorkspaceYaml(policy, workspaces, unused)]]);
  const files = new Map<string, string>();
  if (unused.length > 0) files.set(`${EMPTY_PACKAGE_DIR}/package.json`, EMPTY_PACKAGE_MANIFEST);
  if (packageManager === 'yarn') {
    files.set('.yarnrc.yml', YARNRC);
    // An (empty) yarn.lock marks the project root: without it Yarn Berry refuses to install a
    // project created inside another Yarn project's folder.
    files.set('yarn.lock', '');
  }
  return files;
}

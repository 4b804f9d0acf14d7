import { PACKAGE_MANAGERS, type PackageManager } from '../options.js';

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
export function findInstalledPackageManagers({ env, platform, isExecutable }: PathLookup): PackageManager[] {
  const separator = platform === 'win32' ? ';' : ':';
  const dirs = (env.PATH ?? env.Path ?? '').split(separator).filter(Boolean);
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase()) : [''];
  const slash = platform === 'win32' ? '\\' : '/';
  return PACKAGE_MANAGERS.filter((name) =>
    dirs.some((dir) => extensions.some((extension) => isExecutable(`${dir.replace(/[\\/]+$/, '')}${slash}${name}${extension}`))),
  );
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

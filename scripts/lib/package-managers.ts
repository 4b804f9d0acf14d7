/**
 * How the harness installs and runs a generated app with each package manager. npm is the system
 * one; pnpm and yarn (Berry) come from the npm registry into the tool cache. With CI=true pnpm and
 * yarn default to frozen/immutable installs, which fail without a lockfile, hence the flags.
 */
import { join } from 'node:path';
import type { PackageManager } from '../../src/options.js';
import { ensureCachedPackage } from './tool-cache.js';

export type Command = readonly [file: string, args: readonly string[]];

export interface PackageManagerCommands {
  install: Command;
  /** `args` go to the script's command (npm needs `--` before them) */
  run(script: string, args?: readonly string[]): Command;
}

export function packageManagerCommands(pm: PackageManager): PackageManagerCommands {
  switch (pm) {
    case 'npm':
      return {
        install: ['npm', ['install', '--no-audit', '--no-fund']],
        run: (script, args = []) => ['npm', ['run', script, ...(args.length ? ['--', ...args] : [])]],
      };
    case 'pnpm':
      return {
        install: ['pnpm', ['install', '--no-frozen-lockfile']],
        run: (script, args = []) => ['pnpm', ['run', script, ...args]],
      };
    case 'yarn':
      return { install: ['yarn', ['install', '--no-immutable']], run: (script, args = []) => ['yarn', ['run', script, ...args]] };
    case 'bun':
      return { install: ['bun', ['install']], run: (script, args = []) => ['bun', ['run', script, ...args]] };
  }
}

/** Where each package manager's binary comes from when it is not the system npm. */
const REGISTRY_PACKAGES: Partial<Record<PackageManager, readonly [name: string, range: string]>> = {
  pnpm: ['pnpm', '10'],
  yarn: ['@yarnpkg/cli-dist', '4'],
};

/** Folders to put on PATH so that `pm` is a command (empty for npm). */
export function provisionPackageManager(pm: PackageManager, env: NodeJS.ProcessEnv = process.env): string[] {
  if (pm === 'npm') return [];
  const source = REGISTRY_PACKAGES[pm];
  if (!source) throw new Error(`the harness cannot provision ${pm}; put it on PATH yourself`);
  const cached = ensureCachedPackage(source[0], source[1], env);
  return [join(cached.prefix, 'node_modules', '.bin')];
}

/**
 * A per-user cache of tools installed from the npm registry (Node 22, pnpm), shared by the e2e
 * tests, the matrix script and CI, so that each tool is downloaded once per machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$CREATE_ELECTRON_CLERK_TRPC_CACHE`, else `$XDG_CACHE_HOME/create-electron-clerk-trpc`, else `~/.cache/...`. */
export function toolCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CREATE_ELECTRON_CLERK_TRPC_CACHE) return env.CREATE_ELECTRON_CLERK_TRPC_CACHE;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'create-electron-clerk-trpc');
}

/** Folder name for one package at one version range: `pnpm@10` -> `pnpm@10`, `@scope/x@1` -> `scope+x@1`. */
export function cacheFolderName(name: string, range: string): string {
  return `${name.replace(/^@/, '').replace(/\//g, '+')}@${range}`;
}

export interface CachedPackage {
  /** The folder that holds node_modules/<name> */
  prefix: string;
  /** The package's own folder */
  packageDir: string;
  version: string;
}

function readInstalled(prefix: string, name: string): CachedPackage | undefined {
  const packageDir = join(prefix, 'node_modules', name);
  const manifest = join(packageDir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { prefix, packageDir, version };
}

/**
 * Finds `name@range` in the cache or installs it there with the system npm. The install goes into a
 * temporary folder that is renamed into place, so two processes provisioning at once cannot see a
 * half-installed package.
 */
export function ensureCachedPackage(name: string, range: string, env: NodeJS.ProcessEnv = process.env): CachedPackage {
  const root = toolCacheRoot(env);
  const prefix = join(root, cacheFolderName(name, range));
  const found = readInstalled(prefix, name);
  if (found) return found;

  mkdirSync(root, { recursive: true });
  const staging = `${prefix}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      staging,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${name}@${range}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`could not install ${name}@${range} into ${root}:\n${result.stdout}\n${result.stderr}`);
  }
  try {
    renameSync(staging, prefix);
  } catch (error) {
    // Another process finished first: use its copy.
    rmSync(staging, { recursive: true, force: true });
    if (!readInstalled(prefix, name)) throw error;
  }
  const installed = readInstalled(prefix, name);
  if (!installed) throw new Error(`${name}@${range} installed but not found in ${prefix}`);
  return installed;
}

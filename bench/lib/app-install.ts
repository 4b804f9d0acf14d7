import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { run } from './processes.js';
import { treeSize } from './disk.js';

export interface InstallFootprint {
  /** Packages physically installed (npm's hidden lockfile, workspace links excluded). */
  packages: number;
  nodeModulesBytes: number;
  nodeModulesFiles: number;
  /** Largest top-level folders of node_modules, biggest first. */
  largest: { name: string; bytes: number }[];
}

/** Env that installs a generated Electron app offline-friendly under the given Node binary. */
export function installEnv(nodeBinary: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${dirname(nodeBinary)}${delimiter}${process.env.PATH ?? ''}`,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    npm_config_update_notifier: 'false',
  };
}

/**
 * `npm install` in a scaffolded app. Scripts are skipped for every project alike: with the Electron
 * binary download disabled they add no files, and the starter's postinstall would rebuild native deps.
 */
export function npmInstall(appDir: string, nodeBinary: string): void {
  run({
    command: 'npm',
    args: ['install', '--no-audit', '--no-fund', '--ignore-scripts'],
    cwd: appDir,
    env: installEnv(nodeBinary),
  });
}

function topLevelPackageDirs(nodeModules: string): string[] {
  const dirs: string[] = [];
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) {
      for (const scoped of readdirSync(join(nodeModules, entry.name), { withFileTypes: true })) {
        if (scoped.isDirectory()) dirs.push(`${entry.name}/${scoped.name}`);
      }
    } else dirs.push(entry.name);
  }
  return dirs;
}

export function measureInstall(appDir: string, largestCount = 8): InstallFootprint {
  const nodeModules = join(appDir, 'node_modules');
  const lockPath = join(nodeModules, '.package-lock.json');
  if (!existsSync(lockPath)) throw new Error(`${appDir} has no node_modules/.package-lock.json: was it installed with npm?`);
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, { link?: boolean }> };
  const packages = Object.entries(lock.packages).filter(([path, meta]) => path.includes('node_modules/') && !meta.link).length;
  const size = treeSize(nodeModules);
  const largest = topLevelPackageDirs(nodeModules)
    .map((name) => ({ name, bytes: treeSize(join(nodeModules, name)).bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, largestCount);
  return { packages, nodeModulesBytes: size.bytes, nodeModulesFiles: size.files, largest };
}

/**
 * Node 22 for generated apps. The CLI runs on Node >= 20.19, but the apps it writes need >= 22.12
 * (electron-vite, vite 8, wrangler). The e2e tests and the matrix run every command of a generated
 * app with the bin folder returned here first on PATH; npm and npx then run under Node 22 too.
 */
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { ensureCachedPackage } from './tool-cache.js';

export const NODE22_RANGE = '22';
const MINIMUM: readonly [number, number] = [22, 12];

/** True for versions like `v22.12.0` / `22.23.3` that are 22.12 or newer within major 22+. */
export function isSupportedNode(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)\./.exec(version);
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

/** The npm package that ships a bare Node binary for this platform (no install script). */
export function nodeBinaryPackage(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const os = platform === 'win32' ? 'win' : platform;
  return `node-${os}-${arch}`;
}

export interface Node22 {
  /** Prepend this to PATH */
  binDir: string;
  version: string;
  source: 'env' | 'current' | 'cache';
}

/**
 * In order: `$NODE22_BIN_DIR` when set; the Node running this process when it is new enough;
 * otherwise `node-<os>-<arch>@22` from the npm registry, cached per user (see tool-cache.ts).
 */
export function ensureNode22(env: NodeJS.ProcessEnv = process.env): Node22 {
  if (env.NODE22_BIN_DIR) {
    if (!existsSync(env.NODE22_BIN_DIR)) throw new Error(`NODE22_BIN_DIR=${env.NODE22_BIN_DIR} does not exist`);
    return { binDir: env.NODE22_BIN_DIR, version: 'unknown', source: 'env' };
  }
  if (isSupportedNode(process.version)) {
    return { binDir: dirname(process.execPath), version: process.version.slice(1), source: 'current' };
  }
  const cached = ensureCachedPackage(nodeBinaryPackage(), NODE22_RANGE, env);
  if (!isSupportedNode(cached.version)) {
    throw new Error(`${nodeBinaryPackage()}@${cached.version} in ${cached.prefix} is older than 22.12; delete that folder`);
  }
  const binDir = process.platform === 'win32' ? cached.packageDir : join(cached.packageDir, 'bin');
  return { binDir, version: cached.version, source: 'cache' };
}

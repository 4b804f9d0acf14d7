/**
 * The environment for a generated app's commands. When this harness itself runs under `npm test`
 * and vitest, the process carries variables that must not leak into the app's own npm and vitest:
 * npm's lifecycle variables (npm_node_execpath would point the nested npm at Node 20), vitest's
 * worker variables, and NODE_ENV=test (which would make `electron-vite build` a test build).
 */
import { delimiter } from 'node:path';

const KEPT_NPM_CONFIG = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);

function isLeakedVariable(key: string): boolean {
  const lower = key.toLowerCase();
  if (lower.startsWith('npm_')) return !KEPT_NPM_CONFIG.has(lower);
  if (key.startsWith('VITEST') || key.startsWith('__VITEST')) return true;
  return ['NODE_ENV', 'TEST', 'INIT_CWD', 'NODE_OPTIONS', 'PNPM_SCRIPT_SRC_DIR', 'PNPM_PACKAGE_NAME'].includes(key);
}

export interface AppEnvOptions {
  /** Folders to put first on PATH (Node 22, pnpm) */
  pathPrefix: readonly string[];
  extra?: Record<string, string>;
}

export function appEnv(base: NodeJS.ProcessEnv, { pathPrefix, extra = {} }: AppEnvOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && !isLeakedVariable(key)) env[key] = value;
  }
  env.PATH = [...pathPrefix, base.PATH ?? ''].filter(Boolean).join(delimiter);
  return {
    ...env,
    CI: 'true',
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_SEND_METRICS: 'false',
    NO_UPDATE_NOTIFIER: '1',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    ...extra,
  };
}

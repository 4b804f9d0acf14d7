/**
 * Runs before `npm run dev` starts anything: checks Node.js, Electron's binary and the Clerk
 * publishable key (`node scripts/preflight.mjs app backend`: the backend's Clerk settings too),
 * prints one line per problem with its fix and exits 1, or prints nothing. The checks themselves
 * are in preflight-checks.mjs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkBackendConfig,
  checkElectronBinary,
  checkNodeVersion,
  checkPublishableKey,
  formatReport,
} from './preflight-checks.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fs = {
  read(path) {
    try {
      return readFileSync(resolve(root, path), 'utf8');
    } catch {
      return null;
    }
  },
  exists: (path) => existsSync(resolve(root, path)),
};

function electronDir() {
  try {
    return relative(root, dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json')));
  } catch {
    return null;
  }
}

// What to check: `app` (the default: Electron's binary, the publishable key), `backend` (its Clerk settings).
const checks = process.argv.length > 2 ? process.argv.slice(2) : ['app'];
const env = process.env;
const problems = [checkNodeVersion(process.versions.node)];
if (checks.includes('app')) {
  problems.push(checkElectronBinary({ electronDir: electronDir(), env, fs, install: 'npm install' }));
  problems.push(checkPublishableKey({ env, fs }));
}
if (checks.includes('backend')) problems.push(checkBackendConfig({ target: 'cloudflare', dir: 'backend', env, fs }));

const found = problems.filter(Boolean);
if (found.length > 0) {
  console.error(formatReport(found));
  process.exit(1);
}

/**
 * `test:e2e` runs this first: Node.js and Electron's binary, with the same one-line messages as
 * `dev` (scripts/preflight-checks.mjs). No Clerk key needed: without one the tests check the setup
 * screen, with one (and test credentials) they sign in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkElectronBinary, checkNodeVersion, formatReport } from '../scripts/preflight-checks.mjs';

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

const install = 'npm install';
const problems = [
  checkNodeVersion(process.versions.node),
  checkElectronBinary({ electronDir: electronDir(), env: process.env, fs, install }),
].filter(Boolean);
if (problems.length > 0) {
  console.error(formatReport(problems));
  process.exit(1);
}

// `npm run doctor`: every precondition of this app, one line each with its fix; exit 1 on any failure, `--json`
// for scripts. `--fast`: only the offline checks `dev` needs; named checks (`node`, …) run alone and print only problems.
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import * as lib from './lib.mjs';

const fs = lib.filesUnder(lib.ROOT);
const env = process.env;
const dotenv = (path) => lib.parseDotenv(fs.read(path) || '');

function electronDir() {
  try {
    return relative(lib.ROOT, dirname(createRequire(join(lib.ROOT, 'package.json')).resolve('electron/package.json')));
  } catch {
    return null;
  }
}

// What the checks read, each taking the names it needs.
const ctx = {
  env,
  fs,
  fetch,
  platform: process.platform,
  setup: 'npm run setup',
  install: 'npm install',
  scheme: 'snapshot-app',
  publishableKey: lib.findPublishableKey({ env, fs }).key,
  jwtKey: dotenv('backend/.dev.vars').CLERK_JWT_KEY || dotenv('.env').CLERK_JWT_KEY,
  url: env.BACKEND_URL || dotenv('.env').BACKEND_URL || 'http://127.0.0.1:8787',
  start: 'npm run dev:backend',
  config: { files: ['.dev.vars', '.env'], example: '.dev.vars.example', environmentSwitch: 'CLOUDFLARE_INCLUDE_PROCESS_ENV' },
  dir: 'backend',
  apiUrl: env.CLERK_API_URL || 'https://api.clerk.com',
  secretKey: env.CLERK_SECRET_KEY,
  origins: ['snapshot-app://renderer', 'http://localhost:5173'],
};

// [id, label, run, fast]: fast checks are offline and block `dev`.
const CHECKS = [
  ['node', 'Node.js version', () => lib.checkNodeVersion(process.versions.node), true],
  ['electron', "Electron's binary", () => lib.checkElectronBinary({ ...ctx, electronDir: electronDir() }), true],
  ['publishable-key', 'Clerk publishable key', () => lib.checkPublishableKey(ctx), true],
  ['backend-config', "backend's Clerk settings", () => lib.checkBackendConfig(ctx), true],
  ['backend', 'backend answering', () => lib.checkBackendHealth(ctx)],
  ['frontend-api', "Clerk's Frontend API, its Native API, CLERK_JWT_KEY's instance", () => lib.checkFrontendApi(ctx)],
  ['allowed-origins', "the app's origins allowed by the instance", () => lib.checkAllowedOrigins(ctx)],
  ['secure-storage', 'secure storage for the sign-in', () => lib.checkSecureStorage(ctx)],
  ['scheme', 'the scheme registered for packaged builds', () => lib.checkSchemeRegistered(ctx)],
];

const args = process.argv.slice(2);
const named = args.filter((arg) => !arg.startsWith('--'));
const chosen = CHECKS.filter(([id, , , fast]) => (named.length ? named.includes(id) : !args.includes('--fast') || fast));
const results = [];
for (const [id, label, run] of chosen) {
  const canRun = id === 'node' || lib.canParseDotenv;
  results.push({ id, label, ...(canRun ? (await run()) || {} : { skip: 'needs Node.js 20.12 or newer to read .env files' }) });
}
const failed = results.filter((result) => result.what);

if (args.includes('--json')) {
  const report = results.map(({ id, label, what, fix, skip }) => ({ id, label, ok: !what, what, fix, skip }));
  console.log(JSON.stringify(report, null, 2));
} else if (named.length || args.includes('--fast')) {
  if (failed.length) console.error(lib.formatReport(failed));
} else {
  for (const { label, what, fix, skip } of results) {
    console.log(what ? `✗ ${what}.\n    Fix: ${fix}` : skip ? `- ${label}: not checked (${skip})` : `✓ ${label}`);
  }
}
process.exitCode = failed.length ? 1 : 0;

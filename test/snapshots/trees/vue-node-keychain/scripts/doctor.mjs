/**
 * `npm run doctor`: every precondition of this app, one line each with its fix; exit 1 on any
 * failure, `--json` for scripts. `--fast` runs only the offline checks `dev` needs first; named
 * checks (`node`, `electron`, …) run alone and print only problems. The checks: preflight-checks.mjs.
 */
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as checks from './preflight-checks.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fs = checks.filesUnder(root);

function electronDir() {
  try {
    return relative(root, dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json')));
  } catch {
    return null;
  }
}

const env = process.env;
const setup = 'npm run setup';
const SCHEME = 'snapshot-app';
const dotenv = (path) => checks.parseDotenv(fs.read(path) || '');
const backendVars = () => dotenv('backend/.env');
/** Where the backend reads its Clerk settings, relative to backend/. */
const backendConfig = {
  files: ['.env'],
  example: '.env.example',
};
const backendUrl = env.BACKEND_URL || dotenv('.env').BACKEND_URL || 'http://127.0.0.1:8787';

// [id, label, run, fast]: fast checks are offline and block `dev`.
const CHECKS = [
  ['node', 'Node.js version', () => checks.checkNodeVersion(process.versions.node), true],
  [
    'electron',
    "Electron's binary",
    () => checks.checkElectronBinary({ electronDir: electronDir(), env, fs, install: 'npm install' }),
    true,
  ],
  ['publishable-key', 'Clerk publishable key', () => checks.checkPublishableKey({ env, fs, setup }), true],
  [
    'backend-config',
    "backend's Clerk settings",
    () => checks.checkBackendConfig({ config: backendConfig, dir: 'backend', env, fs, setup }),
    true,
  ],
  ['backend', 'backend answering', () => checks.checkBackendHealth({ fetch, url: backendUrl, start: 'npm run dev:backend' })],
  [
    'frontend-api',
    "Clerk's Frontend API, its Native API, CLERK_JWT_KEY's instance",
    () =>
      checks.checkFrontendApi({
        fetch,
        publishableKey: checks.findPublishableKey({ env, fs }).key,
        jwtKey: backendVars().CLERK_JWT_KEY || dotenv('.env').CLERK_JWT_KEY,
        setup,
      }),
  ],
  [
    'allowed-origins',
    "the app's origins allowed by the instance",
    () =>
      checks.checkAllowedOrigins({
        fetch,
        apiUrl: env.CLERK_API_URL || 'https://api.clerk.com',
        secretKey: env.CLERK_SECRET_KEY,
        origins: [`${SCHEME}://renderer`, 'http://localhost:5173'],
        setup,
      }),
  ],
  ['secure-storage', 'secure storage for the sign-in', () => checks.checkSecureStorage({ platform: process.platform, env })],
  ['scheme', 'the scheme registered for packaged builds', () => checks.checkSchemeRegistered({ fs, scheme: SCHEME })],
];

const args = process.argv.slice(2);
const named = args.filter((arg) => !arg.startsWith('--'));
const chosen = CHECKS.filter(([id, , , fast]) => (named.length ? named.includes(id) : !args.includes('--fast') || fast));
const results = [];
for (const [id, label, run] of chosen) results.push({ id, label, ...((await run()) || { ok: true }) });
const failed = results.filter((result) => result.what);

if (args.includes('--json')) {
  console.log(
    JSON.stringify(
      results.map(({ id, label, what, fix, skip }) => ({ id, label, ok: !what, what, fix, skip })),
      null,
      2,
    ),
  );
} else if (named.length || args.includes('--fast')) {
  if (failed.length) console.error(checks.formatReport(failed));
} else {
  for (const { label, what, fix, skip } of results) {
    console.log(what ? `✗ ${what}.\n    Fix: ${fix}` : skip ? `- ${label}: not checked (${skip})` : `✓ ${label}`);
  }
}
process.exitCode = failed.length ? 1 : 0;

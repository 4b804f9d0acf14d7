/**
 * `wrangler dev` on 127.0.0.1 and on PORT (default 8787): wrangler does not read PORT itself, and
 * a script line with ${PORT} would not work in Windows' cmd. Extra arguments are passed on.
 *
 * First it checks the Clerk settings (.dev.vars) with the app's preflight check: without them the
 * Worker cannot verify a single token, and wrangler would bury the reason under its own errors.
 * Then it applies pending D1 migrations locally (`wrangler d1 migrations apply DB --local`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBackendConfig, filesUnder, formatReport } from '../../scripts/preflight-checks.mjs';

// Paths relative to backend/: from the project root, `dev:backend` has run the same check already.
const fs = filesUnder(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
// Where the Worker reads its settings (the backend module's, as scripts/doctor.mjs has them).
const config = {
  files: ['.dev.vars', '.env'],
  example: '.dev.vars.example',
  environmentSwitch: 'CLOUDFLARE_INCLUDE_PROCESS_ENV',
};
const problem = checkBackendConfig({ config, dir: '', env: process.env, fs });
if (problem) {
  console.error(formatReport([problem]));
  process.exit(1);
}

// Pending migrations (drizzle/) go to the local D1 in .wrangler/state first, so the Worker never
// starts on a database without its tables. CI=1: apply without asking (it is local data only).
const migrated = spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, CI: '1' },
});
if (migrated.status !== 0) {
  console.error('Could not apply the database migrations to the local D1 (see above); the backend was not started.');
  process.exit(migrated.status ?? 1);
}

const port = process.env.PORT || '8787';
// wrangler dev fetches request.cf's sample data from workers.cloudflare.com at start and prints an
// ENOTFOUND stack when offline, which reads like a failure; this Worker does not use request.cf.
const child = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', port, ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...process.env },
});

// Ctrl+C in a terminal reaches wrangler directly; a signal sent to this process only is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

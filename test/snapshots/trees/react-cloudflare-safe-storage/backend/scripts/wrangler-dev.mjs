// `wrangler dev` on 127.0.0.1:PORT (default 8787; wrangler does not read PORT, and ${PORT} in a script
// fails in Windows' cmd), after checking the Clerk settings (wrangler would bury the reason) and migrating the local D1.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBackendConfig, filesUnder, formatReport } from '../../scripts/lib.mjs';

// Paths relative to backend/, as scripts/doctor.mjs has them.
const fs = filesUnder(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
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

// The Worker never starts on a database without its tables. CI=1: apply without asking (local data only).
const migrated = spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, CI: '1' },
});
if (migrated.status !== 0) {
  console.error('Could not apply the database migrations to the local D1 (see above); the backend was not started.');
  process.exit(migrated.status ?? 1);
}

// CLOUDFLARE_CF_FETCH_ENABLED: no request.cf sample data fetched (offline, its ENOTFOUND stack reads like a failure).
const child = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', process.env.PORT || '8787', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...process.env },
});

// Ctrl+C in a terminal reaches wrangler directly; a signal sent to this process only is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

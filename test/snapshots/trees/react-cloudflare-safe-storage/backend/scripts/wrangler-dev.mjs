// `wrangler dev` on 127.0.0.1:PORT (default 8787; wrangler does not read PORT, and ${PORT} in a script fails in
// Windows' cmd), after migrating the local D1. The root's dev:backend has checked the Clerk settings before.
import { spawn, spawnSync } from 'node:child_process';

const shell = process.platform === 'win32';

// The Worker never starts on a database without its tables. CI=1: apply without asking (local data only).
const migrated = spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local'], {
  stdio: 'inherit',
  shell,
  env: { ...process.env, CI: '1' },
});
if (migrated.status !== 0) {
  console.error('Could not apply the database migrations to the local D1 (see above); the backend was not started.');
  process.exit(migrated.status ?? 1);
}

// CLOUDFLARE_CF_FETCH_ENABLED: no request.cf sample data fetched (offline, its ENOTFOUND stack reads like a failure).
const child = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', process.env.PORT || '8787', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell,
  env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...process.env },
});

// Ctrl+C in a terminal reaches wrangler directly; a signal sent to this process only is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

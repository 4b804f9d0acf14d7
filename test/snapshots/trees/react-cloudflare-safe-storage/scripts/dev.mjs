/**
 * `npm run dev`: the backend and the Electron app together, their output prefixed.
 *
 * - First scripts/preflight.mjs: a missing prerequisite stops it here, before anything starts.
 * - Ctrl+C stops both.
 * - Quitting the app stops the backend.
 * - If the backend stops on its own (for example because its configuration is missing), the app
 *   keeps running: its backend calls then fail with a clear error until you fix the backend and
 *   run this again.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Nothing starts until Node, Electron's binary and both sides' Clerk settings are in place.
const preflight = spawnSync(process.execPath, [fileURLToPath(new URL('./preflight.mjs', import.meta.url)), 'app', 'backend'], {
  stdio: 'inherit',
});
if (preflight.status !== 0) process.exit(preflight.status ?? 1);

const { default: concurrently } = await import('concurrently');

const { commands, result } = concurrently(
  [
    { name: 'backend', command: 'npm run dev:backend', prefixColor: 'blue' },
    { name: 'app', command: 'npm run dev:app', prefixColor: 'magenta' },
  ],
  { prefix: 'name', killOthersOn: [] },
);
const [backend, app] = commands;

app.close.subscribe(({ exitCode }) => {
  process.exitCode = exitCode === 0 ? 0 : 1;
  backend.kill();
});
backend.close.subscribe(({ exitCode }) => {
  if (exitCode !== 0 && app.state === 'started') {
    console.warn('[dev] The backend stopped (see its output above); the app keeps running without it.');
  }
});
// Exit codes were handled above; a rejected result only means a command was stopped.
result.catch(() => {});

import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const backendDir = fileURLToPath(new URL('../..', import.meta.url));
// wrangler's package.json is exported; its bin is next to it.
const wranglerBin = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');

/**
 * Applies drizzle/ to the local D1 kept in `persistDir`, with the same command as `dev:backend`
 * (`wrangler d1 migrations apply DB --local`), offline.
 */
export async function applyLocalMigrations(persistDir: string): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [wranglerBin, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir],
    {
      cwd: backendDir,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: '1' },
    },
  );
}

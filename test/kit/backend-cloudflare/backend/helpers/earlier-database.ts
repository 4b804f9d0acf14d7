import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const backendDir = fileURLToPath(new URL('../..', import.meta.url));
const wranglerBin = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');

/**
 * Makes the local D1 a test backend started on `dataDir` opens (./backend.ts) as an older
 * version left it: only the first `migrationCount` migrations of drizzle/ applied (by wrangler, as
 * `dev:backend` does), then `statements` run.
 */
export async function createEarlierDatabase(dataDir: string, migrationCount: number, statements: string[]): Promise<void> {
  // The same wrangler.jsonc (so the same database) beside a drizzle/ folder with fewer migrations.
  const earlier = await mkdtemp(join(tmpdir(), 'earlier-migrations-'));
  try {
    await copyFile(join(backendDir, 'wrangler.jsonc'), join(earlier, 'wrangler.jsonc'));
    await mkdir(join(earlier, 'drizzle'));
    const migrations = (await readdir(join(backendDir, 'drizzle'))).filter((name) => name.endsWith('.sql')).sort();
    for (const name of migrations.slice(0, migrationCount)) {
      await copyFile(join(backendDir, 'drizzle', name), join(earlier, 'drizzle', name));
    }
    const wrangler = (...args: string[]) =>
      promisify(execFile)(process.execPath, [wranglerBin, 'd1', ...args, 'DB', '--local', '--persist-to', dataDir], {
        cwd: earlier,
        env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: '1' },
      });
    await wrangler('migrations', 'apply');
    for (const statement of statements) await wrangler('execute', '--command', statement);
  } finally {
    await rm(earlier, { recursive: true, force: true });
  }
}

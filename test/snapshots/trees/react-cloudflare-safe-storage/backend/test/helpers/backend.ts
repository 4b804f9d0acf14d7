import type { D1Database } from '@cloudflare/workers-types';
import { drizzle } from 'drizzle-orm/d1';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPlatformProxy, unstable_startWorker } from 'wrangler';
import { schema } from '../../src/db/schema';
import { createLocalChangeSignal } from '../../src/kit/live';
import { createNotesStore } from '../../src/notes-store';

export type TestData = Awaited<ReturnType<typeof createTestData>>;

/** The procedures' data services on a new local D1 in memory, with drizzle/ applied. */
export async function createTestData() {
  const d1 = await openLocalD1();
  const db = drizzle(d1.db, { schema });
  return { data: { db, notes: createNotesStore(db, createLocalChangeSignal()) }, close: d1.close };
}

const backendDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The Worker's local D1 (in workerd) in `persistDir`, or a new one in memory, with the migrations of
 * drizzle/ it lacks applied and recorded in `d1_migrations`, as `wrangler d1 migrations apply` does.
 */
export async function openLocalD1(persistDir?: string) {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  process.env.WRANGLER_SEND_METRICS ??= 'false';
  const platform = await getPlatformProxy<{ DB: D1Database }>({
    configPath: join(backendDir, 'wrangler.jsonc'),
    persist: persistDir ? { path: join(persistDir, 'v3') } : false,
  });
  const db = platform.env.DB;
  try {
    await db.exec(
      'CREATE TABLE IF NOT EXISTS d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);',
    );
    const applied = new Set(
      (await db.prepare('SELECT name FROM d1_migrations').all<{ name: string }>()).results.map((row) => row.name),
    );
    const migrationsDir = join(backendDir, 'drizzle');
    for (const name of (await readdir(migrationsDir)).filter((file) => file.endsWith('.sql')).sort()) {
      if (applied.has(name)) continue;
      const statements = (await readFile(join(migrationsDir, name), 'utf8')).split('--> statement-breakpoint');
      await db.batch([
        ...statements.filter((sql) => sql.trim() !== '').map((sql) => db.prepare(sql)),
        db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(name),
      ]);
    }
    return { db, close: (): Promise<void> => platform.dispose() };
  } catch (error) {
    await platform.dispose();
    throw error;
  }
}

export type RunningBackend = Awaited<ReturnType<typeof startTestBackend>>;

/**
 * Starts the real Worker in workerd (through wrangler, offline) on a free port, with `vars` instead of
 * .dev.vars. Its data lives in `dataDir` (keep it to restart on the same data; default: a new temporary
 * folder, removed on stop).
 */
export async function startTestBackend(vars: Record<string, string>, options: { dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'backend-d1-')));
  const removeData = () => (options.dataDir ? Promise.resolve() : rm(dataDir, { recursive: true, force: true }));
  try {
    await (await openLocalD1(dataDir)).close();
    const worker = await unstable_startWorker({
      config: join(backendDir, 'wrangler.jsonc'),
      envFiles: [],
      bindings: Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text' as const, value }])),
      dev: { server: { hostname: '127.0.0.1', port: 0 }, persist: dataDir, inspector: false, watch: false },
    });
    const url = await worker.url;
    return { url: url.origin, stop: () => worker.dispose().finally(removeData) };
  } catch (error) {
    await removeData();
    throw error;
  }
}

import type { D1Database } from '@cloudflare/workers-types';
import { drizzle } from 'drizzle-orm/d1';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPlatformProxy } from 'wrangler';
import type { BackendData } from '../../src/data';
import { schema } from '../../src/db/schema';
import { createLocalChangeSignal } from '../../src/kit/live';
import { createNotesStore } from '../../src/notes-store';

export interface TestData {
  data: BackendData;
  close(): Promise<void>;
}

/** The procedures' data services on a new local D1 in memory, with drizzle/ applied. */
export async function createTestData(): Promise<TestData> {
  const d1 = await openLocalD1();
  const db = drizzle(d1.db, { schema });
  return { data: { db, notes: createNotesStore(db), changes: createLocalChangeSignal() }, close: d1.close };
}

const backendDir = fileURLToPath(new URL('../..', import.meta.url));
const migrationsDir = join(backendDir, 'drizzle');

/**
 * The Worker's local D1 (offline, in workerd): the one a test backend started on `persistDir` opens,
 * or a new one in memory. The migrations of drizzle/ it lacks are applied first and recorded in
 * `d1_migrations`, as `wrangler d1 migrations apply DB --local` (dev:backend) does, in this process.
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

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { fileDatabaseUrl, MIGRATIONS_DIR } from '../../src/db/libsql';

/**
 * Makes the database a test backend started on `dataDir` opens (./backend.ts) as an older
 * version left it: only the first `migrationCount` migrations of drizzle/ applied, then `statements` run.
 */
export async function createEarlierDatabase(dataDir: string, migrationCount: number, statements: string[]): Promise<void> {
  const earlier = await mkdtemp(join(tmpdir(), 'earlier-migrations-'));
  const client = createClient({ url: fileDatabaseUrl(join(dataDir, 'notes.db')) });
  try {
    await cp(MIGRATIONS_DIR, earlier, { recursive: true });
    const journalPath = join(earlier, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: unknown[] };
    await writeFile(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, migrationCount) }));
    await migrate(drizzle(client), { migrationsFolder: earlier });
    for (const statement of statements) await client.execute(statement);
  } finally {
    client.close();
    await rm(earlier, { recursive: true, force: true });
  }
}

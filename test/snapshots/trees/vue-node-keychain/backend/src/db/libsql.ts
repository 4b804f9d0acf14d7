/**
 * The Node backend's database: libSQL through Drizzle. `DATABASE_URL` picks it:
 * - a file (`file:data/notes.db`, the default: backend/data/, git-ignored) for one instance;
 * - a libSQL server or Turso (`libsql://…`, `http://…`, with `DATABASE_AUTH_TOKEN`) shared by
 *   several instances.
 * Pending migrations (drizzle/) are applied before the server accepts requests.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { AppDatabase } from '../data';
import { schema } from './schema';

/** backend/, from src/db (tsx) and from dist/ (the build) alike. */
const backendDir = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '..' : '../..', import.meta.url));

/** A libSQL `file:` URL for a path (forward slashes, also on Windows). */
export function fileDatabaseUrl(path: string): string {
  return `file:${path.replace(/\\/g, '/')}`;
}

export const DEFAULT_DATABASE_URL = fileDatabaseUrl(join(backendDir, 'data', 'notes.db'));
export const MIGRATIONS_DIR = join(backendDir, 'drizzle');

export interface OpenDatabase {
  db: AppDatabase;
  close(): void;
}

export async function openDatabase(url: string = DEFAULT_DATABASE_URL, authToken?: string): Promise<OpenDatabase> {
  if (url.startsWith('file:') && !url.includes(':memory:')) {
    mkdirSync(dirname(url.slice('file:'.length)), { recursive: true });
  }
  const client = createClient({ url, authToken });
  try {
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    return { db, close: () => client.close() };
  } catch (error) {
    client.close();
    throw error;
  }
}

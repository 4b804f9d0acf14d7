import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { schema } from './db/schema';
import type { NotesStore } from './notes-store';

/** Drizzle over D1 (Workers) or libSQL (Node): both async SQLite, so one query code serves both. */
export type AppDatabase = BaseSQLiteDatabase<'async', unknown, typeof schema>;

/** The procedures' data services (`ctx.data`), made by src/worker.ts or src/start-server.ts. Add your stores here. */
export interface BackendData {
  /** For your own queries (always filter on `ctx.auth`'s user or organization). */
  db: AppDatabase;
  notes: NotesStore;
}

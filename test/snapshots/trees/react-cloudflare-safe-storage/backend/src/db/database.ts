import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { schema } from './schema';

/**
 * What the procedures need of a database: Drizzle over D1 (Workers) or libSQL (Node). Both are
 * async SQLite databases, so one query code serves both targets.
 */
export type AppDatabase = BaseSQLiteDatabase<'async', unknown, typeof schema>;

import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The mutations applied with an `Idempotency-Key` header, per user, for a day: a repeat of the key
 * gets the first answer instead of applying the change again (../idempotency.ts).
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    path: text('path').notNull(),
    /** The active organization of the first call; a repeat in another one is refused. */
    orgId: text('org_id'),
    /** The first answer (superjson); null while that call runs. */
    result: text('result'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] })],
);

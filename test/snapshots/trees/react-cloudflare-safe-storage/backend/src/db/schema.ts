/**
 * The backend's tables (SQLite: D1 on Workers, libSQL on Node). After changing them, `npm run db:generate`
 * in backend/ writes the next migration into drizzle/, which `dev:backend` (and deploy / start-up) applies.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Idempotency-Keys the offline add-on's queued changes were applied with (src/kit/idempotency.ts, when added). */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    path: text('path').notNull(),
    orgId: text('org_id'),
    result: text('result'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] })],
);

/** A note of the organization `org_id`, else its author's personal note (../notes-store.ts). */
export const notes = sqliteTable(
  'notes',
  {
    /** UUIDv7 (../kit/db/ids.ts): sorts by creation time, so the id is also the page cursor. */
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    orgId: text('org_id'),
    text: text('text').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    index('notes_user_id_org_id_id').on(table.userId, table.orgId, table.id),
    index('notes_org_id_id').on(table.orgId, table.id),
  ],
);

/**
 * Every change to a workspace's notes, written by triggers (drizzle/0003_notes_per_workspace.sql) in
 * the change's own statement, pruned after 7 days. `notes.changes` streams it; `id` is the event id.
 */
export const noteChanges = sqliteTable(
  'note_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id').notNull(),
    orgId: text('org_id'),
    kind: text('kind', { enum: ['added', 'removed'] }).notNull(),
    noteId: text('note_id').notNull(),
    /** The note's text and creation time for `added`; null for `removed`. */
    text: text('text'),
    noteCreatedAt: integer('note_created_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    index('note_changes_user_id_org_id_id').on(table.userId, table.orgId, table.id),
    index('note_changes_org_id_id').on(table.orgId, table.id),
  ],
);

export const schema = { notes, noteChanges, idempotencyKeys };

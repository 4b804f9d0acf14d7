/**
 * Exactly-once mutations for a client that retries: a mutation with an `Idempotency-Key` header runs
 * once per user and key; a repeat within IDEMPOTENCY_TTL_MS, in the same organization, gets the first
 * answer. Keys live in the database, shared by every isolate and instance. One mutation per request.
 */
import { TRPCError } from '@trpc/server';
import { and, eq, lt } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import superjson from 'superjson';
import type { AppDatabase } from '../data';

/** The keys applied, per user; `org_id`: the first call's organization; `result`: its answer, null while it runs. */
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

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a key is remembered: longer than any client keeps retrying a change. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

/**
 * Runs `call` once for the user and key, stores its answer, and answers repeats with it; a key reused
 * for another procedure (`path`) or in another organization (`orgId`, null without one) is refused.
 */
export async function runOnce<T>(
  db: AppDatabase,
  { userId, orgId, key, path }: { userId: string; orgId: string | null; key: string; path: string },
  call: () => Promise<T>,
): Promise<T> {
  if (!KEY_PATTERN.test(key)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'An Idempotency-Key is 8 to 200 letters, digits or _.:- characters.' });
  }
  const now = Date.now();
  const thisKey = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), lt(idempotencyKeys.createdAt, new Date(now - IDEMPOTENCY_TTL_MS))));
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ userId, orgId, key, path, result: null, createdAt: new Date(now) })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [first] = await db.select().from(idempotencyKeys).where(thisKey);
    if (first?.path !== undefined && first.path !== path) {
      throw new TRPCError({ code: 'CONFLICT', message: 'This Idempotency-Key was used for another call.' });
    }
    if (first && first.orgId !== orgId) {
      throw new TRPCError({ code: 'CONFLICT', message: 'This Idempotency-Key was used in another organization.' });
    }
    if (!first || first.result === null) {
      throw new TRPCError({ code: 'CONFLICT', message: 'A call with this Idempotency-Key is still running: retry shortly.' });
    }
    return superjson.parse<T>(first.result);
  }
  try {
    const result = await call();
    await db
      .update(idempotencyKeys)
      .set({ result: superjson.stringify(result) })
      .where(thisKey);
    return result;
  } catch (error) {
    // Not applied: a retry with the same key runs it again.
    await db
      .delete(idempotencyKeys)
      .where(thisKey)
      .catch(() => {});
    throw error;
  }
}

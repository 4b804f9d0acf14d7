/**
 * Exactly-once mutations for main's queue of offline changes, which retries: a mutation with an
 * `Idempotency-Key` header runs once per user and key; a repeat within IDEMPOTENCY_TTL_MS, in the same
 * organization, gets the first answer. Keys live in the database (`idempotency_keys`), shared by every
 * isolate and instance. One mutation per request.
 */
import { TRPCError, type TRPCMiddlewareFunction } from '@trpc/server';
import { sql } from 'drizzle-orm';
import superjson from 'superjson';
import type { AppDatabase } from '../data';
import type { Auth } from './auth';
import type { Context } from './trpc';

const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a key is remembered: longer than any client keeps retrying a change. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

type ProtectedMiddleware = TRPCMiddlewareFunction<Context, object, { auth: Auth }, object, unknown>;

/** protectedProcedure's last middleware (./trpc.ts): a mutation sent with a key runs through `runOnce`. */
export const onceByKey: ProtectedMiddleware = async ({ ctx, type, path, next }) => {
  const key = ctx.req?.headers.get(IDEMPOTENCY_HEADER);
  if (type !== 'mutation' || key == null || !ctx.data) return next();
  const data = await runOnce(ctx.data.db, { userId: ctx.auth.userId, orgId: ctx.auth.orgId ?? null, key, path }, async () => {
    const result = await next();
    if (!result.ok) throw result.error;
    return result.data;
  });
  return { ok: true, data, marker: 'middlewareMarker' as never };
};

/**
 * Runs `call` once for the user and key, stores its answer, and answers repeats with it; a key reused
 * for another procedure (`path`) or in another organization (`orgId`, null without one) is refused.
 * The table is the app's (`idempotency_keys`, src/db/schema.ts): plain SQL here, so the kit imports none of its code.
 */
async function runOnce<T>(
  db: AppDatabase,
  { userId, orgId, key, path }: { userId: string; orgId: string | null; key: string; path: string },
  call: () => Promise<T>,
): Promise<T> {
  if (!KEY_PATTERN.test(key)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'An Idempotency-Key is 8 to 200 letters, digits or _.:- characters.' });
  }
  const now = Date.now();
  const thisKey = sql`user_id = ${userId} AND "key" = ${key}`;
  await db.run(sql`DELETE FROM idempotency_keys WHERE user_id = ${userId} AND created_at < ${now - IDEMPOTENCY_TTL_MS}`);
  const claimed = await db.all(sql`
    INSERT INTO idempotency_keys (user_id, "key", path, org_id, result, created_at) VALUES (${userId}, ${key}, ${path}, ${orgId}, NULL, ${now})
    ON CONFLICT DO NOTHING RETURNING "key"`);
  if (claimed.length === 0) {
    type Row = { path: string; org_id: string | null; result: string | null };
    const [first] = await db.all<Row>(sql`SELECT path, org_id, result FROM idempotency_keys WHERE ${thisKey}`);
    if (first !== undefined && first.path !== path) {
      throw new TRPCError({ code: 'CONFLICT', message: 'This Idempotency-Key was used for another call.' });
    }
    if (first && first.org_id !== orgId) {
      throw new TRPCError({ code: 'CONFLICT', message: 'This Idempotency-Key was used in another organization.' });
    }
    if (!first || first.result === null) {
      throw new TRPCError({ code: 'CONFLICT', message: 'A call with this Idempotency-Key is still running: retry shortly.' });
    }
    return superjson.parse<T>(first.result);
  }
  try {
    const result = await call();
    await db.run(sql`UPDATE idempotency_keys SET result = ${superjson.stringify(result)} WHERE ${thisKey}`);
    return result;
  } catch (error) {
    // Not applied: a retry with the same key runs it again.
    await db.run(sql`DELETE FROM idempotency_keys WHERE ${thisKey}`).catch(() => {});
    throw error;
  }
}

import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { accessRefusal, authenticateRequest, type AccessNeed, type Auth, type AuthConfig } from './auth';
import { IDEMPOTENCY_HEADER, runOnce } from './idempotency';
import { admitStream, untilExpiry } from './live';
import type { BackendData } from '../data';

/** The verified caller (null without a valid token), data services (../data.ts), the `Idempotency-Key`. */
export type Context = { auth: Auth | null; data?: BackendData; idempotencyKey?: string };

export function createContextFactory(config: AuthConfig) {
  return async ({ req }: { req: Request }): Promise<Context> => ({
    auth: await authenticateRequest(req.headers, config),
    idempotencyKey: req.headers.get(IDEMPOTENCY_HEADER) ?? undefined,
  });
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // No stack traces to clients, whatever NODE_ENV says; an unexpected failure (a database error, a
  // bug) gets a generic message, the server's log the real one.
  isDev: false,
  errorFormatter: ({ shape, error }) =>
    error.code === 'INTERNAL_SERVER_ERROR' ? { ...shape, message: INTERNAL_ERROR_MESSAGE } : shape,
  // SSE: a ping every 15 s keeps proxies from closing an idle stream and ends a gone client's; a client
  // that hears nothing for 45 s reconnects (and resumes from its last event id).
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 45_000 } },
});

export const INTERNAL_ERROR_MESSAGE = 'Internal server error. The details are in the server log.';

export const router = t.router;
export const publicProcedure = t.procedure;

const onceAndBounded = t.middleware(async ({ ctx, type, path, next }) => {
  const auth = ctx.auth;
  if (!auth) throw new TRPCError({ code: 'UNAUTHORIZED' });
  const key = ctx.idempotencyKey;
  if (type === 'mutation' && key !== undefined && ctx.data) {
    const data = await runOnce(ctx.data.db, { userId: auth.userId, orgId: auth.orgId ?? null, key, path }, async () => {
      const result = await next({ ctx: { auth } });
      if (!result.ok) throw result.error;
      return result.data;
    });
    return { ok: true as const, data, marker: 'middlewareMarker' as never };
  }
  if (type !== 'subscription') return next({ ctx: { auth } });
  const release = admitStream(auth.userId);
  const result = await next({ ctx: { auth } }).catch((error: unknown) => {
    release();
    throw error;
  });
  const stream = result.ok ? (result as { data: unknown }).data : undefined;
  if (typeof stream !== 'object' || stream === null || !(Symbol.asyncIterator in stream)) {
    release();
    return result;
  }
  return { ...result, data: untilExpiry(stream as AsyncIterable<unknown>, auth.expiresAt, release) };
});

/**
 * Only for a verified caller with an active session (a pending one counts as signed out, as in
 * Clerk's SDKs). Its subscriptions end with the token and are limited per user (./live.ts); a
 * mutation with an `Idempotency-Key` runs once (./idempotency.ts).
 */
export const protectedProcedure = t.procedure.use(requireAccess(null)).use(onceAndBounded);

/**
 * What a procedure needs of the caller's organization, role, permissions, features or plan
 * (`ctx.auth.has()`); FORBIDDEN, saying what is missing, otherwise:
 * `protectedProcedure.use(requirePermission('org:notes:write'))`.
 */
export const requireOrg = requireAccess('organization');
export const requireRole = (role: string) => requireAccess({ role });
export const requirePermission = (permission: string) => requireAccess({ permission });
export const requireFeature = (feature: string) => requireAccess({ feature });
export const requirePlan = (plan: string) => requireAccess({ plan });

function requireAccess(need: AccessNeed | null) {
  return t.middleware(({ ctx, next }) => {
    if (!ctx.auth || ctx.auth.status !== 'active') throw new TRPCError({ code: 'UNAUTHORIZED' });
    const refusal = need && accessRefusal(ctx.auth, need);
    if (refusal) throw new TRPCError({ code: 'FORBIDDEN', message: refusal });
    return next({ ctx: { auth: ctx.auth } });
  });
}

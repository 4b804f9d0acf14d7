import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { accessRefusal, authenticateRequest, type AccessNeed, type Auth, type AuthConfig } from './auth';
import { admitStream, untilExpiry } from './live';
import type { BackendData } from '../data';

/** The request, its verified caller (null without a valid token) and the data services (../data.ts). */
export type Context = { req?: Request; auth: Auth | null; data?: BackendData };

export function createContextFactory(config: AuthConfig, data?: BackendData) {
  return async ({ req }: { req: Request }) => ({ req, data, auth: await authenticateRequest(req.headers, config) });
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

/** A caller's subscriptions end with the token that opened them and are limited per user (./live.ts). */
const boundedStreams = t.middleware(async ({ ctx, type, next }) => {
  if (type !== 'subscription' || !ctx.auth) return next();
  const release = admitStream(ctx.auth.userId);
  const result = await next();
  if (!result.ok || typeof result.data !== 'object' || result.data === null || !(Symbol.asyncIterator in result.data)) {
    release();
    return result;
  }
  return { ...result, data: untilExpiry(result.data as AsyncIterable<unknown>, ctx.auth.expiresAt, release) };
});

/** Only for a verified caller with an active session (a pending one counts as signed out, as in Clerk's SDKs). */
export const protectedProcedure = t.procedure.use(requireAccess(null)).use(boundedStreams);

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

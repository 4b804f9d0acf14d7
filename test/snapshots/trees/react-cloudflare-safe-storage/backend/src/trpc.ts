import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { Auth } from './auth/verify-request';
import type { BackendData } from './data';

/** What every procedure can see: the verified caller, or null when the request carried no valid token. */
// A type alias, not an interface: adapters expect a context assignable to Record<string, unknown>.
export type Context = {
  auth: Auth | null;
  /** Databases and live signals (./data.ts), set by the Worker / Node server; see `dataProcedure` in ./router.ts. */
  data?: BackendData;
};

const t = initTRPC.context<Context>().create({
  // Same transformer as the desktop app, so Dates and Maps survive the trip to main and back.
  transformer: superjson,
  // Never send stack traces to clients, whatever NODE_ENV says (Workers have no NODE_ENV).
  isDev: false,
  // Subscriptions (SSE, e.g. notes.changes): a ping every 15 s keeps proxies from closing an idle
  // stream and ends the stream of a client that is gone at the next ping; a client that hears
  // nothing for 45 s reconnects (and resumes from its last event id).
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 45_000 } },
});

export const router = t.router;
export const publicProcedure = t.procedure;

/**
 * Runs only for a verified caller with an active session; `ctx.auth` is non-null inside. A pending
 * session (`ctx.auth.status === 'pending'`) counts as signed out, as in Clerk's SDKs.
 */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.auth || ctx.auth.status !== 'active') throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { auth: ctx.auth } });
});

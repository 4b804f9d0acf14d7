import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { Auth } from './auth/verify-request';

/** What every procedure can see: the verified caller, or null when the request carried no valid token. */
// A type alias, not an interface: adapters expect a context assignable to Record<string, unknown>.
export type Context = {
  auth: Auth | null;
};

const t = initTRPC.context<Context>().create({
  // Same transformer as the desktop app, so Dates and Maps survive the trip to main and back.
  transformer: superjson,
  // Never send stack traces to clients, whatever NODE_ENV says (Workers have no NODE_ENV).
  isDev: false,
});

export const router = t.router;
export const publicProcedure = t.procedure;

/** Runs only for a verified caller; `ctx.auth` is non-null inside. */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { auth: ctx.auth } });
});

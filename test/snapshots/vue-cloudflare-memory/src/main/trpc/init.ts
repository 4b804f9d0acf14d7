/**
 * tRPC's building blocks for main's procedures: one `initTRPC` with superjson (so `Date`, `Map`,
 * `Set`, `bigint`… survive IPC) and the context of src/main/trpc/context.ts.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { Context } from './context';

export type { Context } from './context';

const t = initTRPC.context<Context>().create({ transformer: superjson });

export const router = t.router;
export const middleware = t.middleware;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

/** Anyone may call it, signed in or not. `ctx.auth` may be null. */
export const publicProcedure = t.procedure;

/** Only for a verified session: answers UNAUTHORIZED otherwise. `ctx.auth` is never null inside. */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.auth) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to call this procedure.' });
  }
  return next({ ctx: { auth: ctx.auth } });
});

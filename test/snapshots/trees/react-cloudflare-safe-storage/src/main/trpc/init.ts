/**
 * tRPC's building blocks for main's procedures: one `initTRPC` with superjson (so `Date`, `Map`,
 * `Set`, `bigint`… survive IPC) and the context of src/main/trpc/context.ts.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { isDevelopmentRun } from '../runtime-mode';
import type { Context } from './context';
import { maskInternalErrors } from './error-formatter';

export type { Context } from './context';

const isDev = isDevelopmentRun();

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Set explicitly: tRPC would otherwise guess from NODE_ENV, which a built app does not set.
  // Outside development: no stack traces, and internal error messages stay in main's log.
  isDev,
  errorFormatter: (options) => maskInternalErrors(options, isDev),
});

export const router = t.router;
export const middleware = t.middleware;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

/** Anyone may call it, signed in or not. `ctx.auth` may be null. */
export const publicProcedure = t.procedure;

/**
 * Only for a verified, active session: answers UNAUTHORIZED otherwise. `ctx.auth` is never null
 * inside. A pending session (`ctx.auth.status === 'pending'`: a session task such as choosing an
 * organization is still open) counts as signed out, as in Clerk's SDKs; public procedures still see it.
 */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.auth) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to call this procedure.' });
  }
  if (ctx.auth.status !== 'active') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Finish signing in to call this procedure.' });
  }
  return next({ ctx: { auth: ctx.auth } });
});

/**
 * tRPC's building blocks for main's procedures: one `initTRPC` with superjson (so `Date`, `Map`,
 * `Set`, `bigint`… survive IPC) and the context of src/kit/main/trpc/context.ts.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { accessRefusal, type AccessNeed } from '../../shared/auth-object';
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
export const protectedProcedure = t.procedure.use(requireAccess(null));

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
    if (!ctx.auth) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to call this procedure.' });
    }
    if (ctx.auth.status !== 'active') {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Finish signing in to call this procedure.' });
    }
    const refusal = need && accessRefusal(ctx.auth, need);
    if (refusal) throw new TRPCError({ code: 'FORBIDDEN', message: refusal });
    return next({ ctx: { auth: ctx.auth } });
  });
}

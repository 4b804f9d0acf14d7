/**
 * tRPC's building blocks for main's procedures: one `initTRPC` with superjson (so `Date`, `Map`,
 * `Set`, `bigint`… survive IPC) and the context of src/kit/main/trpc/context.ts.
 */
import { initTRPC, TRPCError, type TRPCDefaultErrorShape } from '@trpc/server';
import superjson from 'superjson';
import { accessRefusal, type AccessNeed } from '../../shared/auth-object';
import type { Context } from './context';

export type { Context } from './context';

/**
 * Whether this is a development run, without importing Electron: Electron sets `process.defaultApp`
 * when started as `electron <folder>` (dev, preview), never in a packaged app. Nothing sets NODE_ENV
 * in a built app, so tRPC's own guess is not used.
 */
export function isDevelopmentRun(proc: { defaultApp?: boolean } = process as { defaultApp?: boolean }): boolean {
  return proc.defaultApp === true;
}

const isDev = isDevelopmentRun();

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong in the app. The details are in its log.';

/**
 * An unexpected failure in main (INTERNAL_SERVER_ERROR: a bug, an unreadable file…) can name paths
 * and internals the page does not need: outside development its message is replaced (main logs the
 * real one, `onError` in src/kit/main/app.ts). Errors thrown on purpose keep their messages.
 */
export function maskInternalErrors<TShape extends TRPCDefaultErrorShape>(
  { shape, error }: { shape: TShape; error: TRPCError },
  isDev: boolean,
): TShape {
  if (isDev || error.code !== 'INTERNAL_SERVER_ERROR') return shape;
  return { ...shape, message: INTERNAL_ERROR_MESSAGE };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
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

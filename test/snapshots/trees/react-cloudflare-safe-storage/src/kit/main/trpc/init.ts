/**
 * tRPC's building blocks for main's procedures: one `initTRPC` with superjson (so `Date`, `Map`,
 * `Set`, `bigint`… survive IPC), and the context of every procedure called over IPC.
 */
import { initTRPC, TRPCError, type TRPCDefaultErrorShape } from '@trpc/server';
import superjson from 'superjson';
import { accessRefusal, type AccessNeed } from '../../shared/auth-object';
import type { IpcCallInfo } from '../../ipc/main/handler';

/**
 * What procedures get: the calling window's id, its session token (null when signed out; never log
 * it), the verified `auth` (or null), `getFreshToken()`, and the app's name and version. To give them
 * more (a database, settings…), add a field here and fill it in `createContextFactory`.
 */
export interface Context extends Pick<IpcCallInfo, 'windowId' | 'token' | 'auth' | 'getFreshToken'> {
  app: { name: string; version: string };
}

export function createContextFactory(deps: Pick<Context, 'app'>): (call: IpcCallInfo) => Context {
  return ({ windowId, token, auth, getFreshToken }) => ({ windowId, token, auth, getFreshToken, app: deps.app });
}

/**
 * A development run, without importing Electron: `process.defaultApp` is set when started as
 * `electron <folder>`, never in a packaged app (nothing sets NODE_ENV there, so tRPC's guess is wrong).
 */
export function isDevelopmentRun(proc: { defaultApp?: boolean } = process as { defaultApp?: boolean }): boolean {
  return proc.defaultApp === true;
}

const isDev = isDevelopmentRun();
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong in the app. The details are in its log.';

/** Outside development an INTERNAL_SERVER_ERROR's message (paths, internals) is replaced; main logs the real one. */
export function maskInternalErrors<TShape extends TRPCDefaultErrorShape>(
  { shape, error }: { shape: TShape; error: TRPCError },
  isDev: boolean,
): TShape {
  if (isDev || error.code !== 'INTERNAL_SERVER_ERROR') return shape;
  return { ...shape, message: INTERNAL_ERROR_MESSAGE };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  isDev,
  errorFormatter: (options) => maskInternalErrors(options, isDev),
});

export const { router, middleware, mergeRouters, createCallerFactory } = t;

/** Anyone may call it, signed in or not. `ctx.auth` may be null. */
export const publicProcedure = t.procedure;

/**
 * Only for a verified, active session (UNAUTHORIZED otherwise; `ctx.auth` is never null inside). A
 * pending session (a task such as choosing an organization is open) counts as signed out, as in Clerk's SDKs.
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

/**
 * The body of a status subscription: `read()` now and after every change `onChange` reports (the
 * latest value when several changes came meanwhile), until `signal` aborts. No timers.
 */
export async function* statusUpdates<T>(
  read: () => T,
  onChange: (listener: () => void) => () => void,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  let changed = true;
  let wake: (() => void) | undefined;
  const stop = onChange(() => {
    changed = true;
    wake?.();
  });
  const onAbort = (): void => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    while (!signal?.aborted) {
      if (changed) {
        changed = false;
        yield read();
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    stop();
    signal?.removeEventListener('abort', onAbort);
  }
}

/** tRPC's building blocks for main's procedures: one `initTRPC` with superjson (`Date`, `Map`… survive IPC). */
import { initTRPC, TRPCError, type TRPCDefaultErrorShape } from '@trpc/server';
import superjson from 'superjson';
import { accessRefusal, type AccessNeed } from '../../shared/auth-object';
import type { IpcCallInfo } from '../../ipc/main/handler';

/** What procedures get (never log `token`). To give them more (a database…), add it here and in the factory. */
export interface Context extends Pick<IpcCallInfo, 'windowId' | 'token' | 'auth' | 'getFreshToken'> {
  app: { name: string; version: string };
}

export function createContextFactory(deps: Pick<Context, 'app'>): (call: IpcCallInfo) => Context {
  return ({ windowId, token, auth, getFreshToken }) => ({ windowId, token, auth, getFreshToken, app: deps.app });
}

/** `process.defaultApp` is set only when started as `electron <folder>` (tRPC's NODE_ENV guess is wrong in a package). */
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

/** A verified, active session only (a pending one counts as signed out, as in Clerk's SDKs); `ctx.auth` is set. */
export const protectedProcedure = t.procedure.use(requireAccess(null));

/** FORBIDDEN, saying what is missing, otherwise: `protectedProcedure.use(requirePermission('org:notes:write'))`. */
export const requireOrg = requireAccess('organization');
export const requireRole = (role: string) => requireAccess({ role });
export const requirePermission = (permission: string) => requireAccess({ permission });
export const requireFeature = (feature: string) => requireAccess({ feature });
export const requirePlan = (plan: string) => requireAccess({ plan });

function requireAccess(need: AccessNeed | null) {
  return t.middleware(({ ctx, next }) => {
    if (!ctx.auth) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to call this procedure.' });
    if (ctx.auth.status !== 'active') {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Finish signing in to call this procedure.' });
    }
    const refusal = need && accessRefusal(ctx.auth, need);
    if (refusal) throw new TRPCError({ code: 'FORBIDDEN', message: refusal });
    return next({ ctx: { auth: ctx.auth } });
  });
}

/** A status subscription: `read()` now and after each change `onChange` reports (the latest), until `signal` aborts. */
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

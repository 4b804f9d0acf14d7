/**
 * The backend's procedures, served to the renderer by main under `remote.*`, so the renderer calls
 * `trpc.remote.me` exactly like a local procedure. Each one forwards the call with the calling
 * window's token; the backend verifies it and is the one that answers UNAUTHORIZED.
 *
 * Add a backend procedure: write it in backend/src/router.ts, then add one line here. Inputs are
 * typed from the backend router and validated by the backend (main only passes them on).
 */
import { TRPCClientError } from '@trpc/client';
import type { inferRouterInputs } from '@trpc/server';
import { publicProcedure, router } from '../trpc/init';
import { backendClients } from './backend';
import type { BackendRouter } from './backend-client';
import { toBackendError } from './backend-errors';

type BackendInputs = inferRouterInputs<BackendRouter>;

/** Typed as the backend's input; the backend validates it. */
const backendInput =
  <T>() =>
  (value: unknown) =>
    value as T;

/**
 * Gives each call `ctx.backend` (a client that carries this call's token) and turns backend
 * failures into errors the renderer can act on (see backend-errors.ts).
 */
const remoteProcedure = publicProcedure.use(async ({ ctx, next, signal }) => {
  const clients = backendClients();
  const result = await next({ ctx: { backend: clients.forCall(ctx.windowId, ctx.token) } });
  if (!result.ok && result.error.cause instanceof TRPCClientError) {
    throw toBackendError(result.error.cause, clients.backendUrl, signal);
  }
  return result;
});

export const remoteRouter = router({
  health: remoteProcedure.query(({ ctx, signal }) => ctx.backend.health.query(undefined, { signal })),
  me: remoteProcedure.query(({ ctx, signal }) => ctx.backend.me.query(undefined, { signal })),
  notes: router({
    list: remoteProcedure.query(({ ctx, signal }) => ctx.backend.notes.list.query(undefined, { signal })),
    add: remoteProcedure
      .input(backendInput<BackendInputs['notes']['add']>())
      .mutation(({ ctx, input, signal }) => ctx.backend.notes.add.mutate(input, { signal })),
  }),
});

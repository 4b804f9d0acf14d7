/**
 * The backend's procedures, served to the renderer by main under `remote.*`, so the renderer calls
 * `trpc.remote.me` exactly like a local procedure. Each one forwards the call with the calling
 * window's token; the backend verifies it and is the one that answers UNAUTHORIZED.
 *
 * Add a backend procedure: write it in backend/src/router.ts, then add one line here. Inputs are
 * typed from the backend router and validated by the backend (main only passes them on).
 */
import { TRPCClientError } from '@trpc/client';
import { tracked, TRPCError, type inferRouterInputs, type inferRouterOutputs } from '@trpc/server';
import { publicProcedure, router } from '../trpc/init';
import { backendClients } from './backend';
import type { BackendRouter } from './backend-client';
import { toBackendError } from './backend-errors';
import { subscriptionStream } from './subscription-stream';
import { offlineMutation, offlineQuery } from './offline/offline-router';

type BackendInputs = inferRouterInputs<BackendRouter>;
type BackendOutputs = inferRouterOutputs<BackendRouter>;

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
  // Offline (src/main/remote/offline): queries answer from the caller's last good result (marked
  // stale by `offline.status`), mutations fail fast, or wait in main where they opt in (`addLater`).
  health: remoteProcedure.query(({ ctx, signal }) =>
    offlineQuery(ctx, 'health', undefined, (backend) => backend.health.query(undefined, { signal })),
  ),
  me: remoteProcedure.query(({ ctx, signal }) =>
    offlineQuery(ctx, 'me', undefined, (backend) => backend.me.query(undefined, { signal })),
  ),
  notes: router({
    list: remoteProcedure
      .input(backendInput<BackendInputs['notes']['list']>())
      .query(({ ctx, input, signal }) =>
        offlineQuery(ctx, 'notes.list', input, (backend) => backend.notes.list.query(input, { signal })),
      ),
    add: remoteProcedure
      .input(backendInput<BackendInputs['notes']['add']>())
      .mutation(({ ctx, input, signal }) =>
        offlineMutation(ctx, 'notes.add', input, (backend) => backend.notes.add.mutate(input, { signal })),
      ),
    /** `add` that, while the backend is unreachable, waits in main and is sent once it is back (`{ queued, id }`). */
    addLater: remoteProcedure
      .input(backendInput<BackendInputs['notes']['add']>())
      .mutation(({ ctx, input, signal }) =>
        offlineMutation(
          ctx,
          'notes.add',
          input,
          (backend, { replay }) => backend.notes.add.mutate(input, replay ? {} : { signal }),
          { queue: true },
        ),
      ),
    remove: remoteProcedure
      .input(backendInput<BackendInputs['notes']['remove']>())
      .mutation(({ ctx, input, signal }) =>
        offlineMutation(ctx, 'notes.remove', input, (backend) => backend.notes.remove.mutate(input, { signal })),
      ),
    /**
     * The backend's live stream, forwarded to the calling window. Each (re)connection to the
     * backend carries a fresh token of the window (`ctx.getFreshToken`), and the backend resumes
     * from the last event id (also the renderer's, when it reconnects to main). The window closing
     * or the renderer unsubscribing (e.g. on sign-out) aborts `signal`, which ends the backend stream.
     */
    changes: remoteProcedure
      .input(backendInput<BackendInputs['notes']['changes']>())
      .subscription(({ ctx, input, signal }) => forwardNoteChanges(ctx.getFreshToken, input, signal)),
  }),
});

type NoteChange = BackendOutputs['notes']['changes'] extends AsyncIterable<{ data: infer T }> ? T : never;

async function* forwardNoteChanges(
  getFreshToken: () => Promise<string | null>,
  input: BackendInputs['notes']['changes'],
  signal: AbortSignal | undefined,
) {
  const client = backendClients().forSubscription(getFreshToken);
  const events = subscriptionStream<{ id: string; data: NoteChange }>(
    (handlers) => client.notes.changes.subscribe(input, handlers),
    signal,
  );
  try {
    for await (const event of events) yield tracked(event.id, event.data);
  } catch (error) {
    throw toSubscriptionError(error, backendClients().backendUrl, signal);
  }
}

/** A failed backend stream as an error the renderer can act on (its link retries the retryable ones). */
function toSubscriptionError(error: unknown, backendUrl: string, signal?: AbortSignal): TRPCError {
  if (error instanceof TRPCClientError) return toBackendError(error, backendUrl, signal);
  return new TRPCError({ code: 'BAD_GATEWAY', message: `The backend at ${backendUrl} ended the stream unexpectedly.` });
}

/**
 * The app's one offline state for remote calls (./offline-remote.ts), and `offline.status`: a
 * subscription the UI shows ("offline since…, N changes waiting", stale data). main/index.ts drops
 * a user's offline data on sign-out (src/main/session-sync `onSignedOut`).
 */
import { publicProcedure, router } from '../../trpc/init';
import { backendClients } from '../backend';
import type { BackendClient } from '../backend-client';
import {
  createOfflineRemote,
  type OfflineCaller,
  type OfflineRemote,
  type OfflineStatus,
  type QueuedAnswer,
} from './offline-remote';

let instance: OfflineRemote | null = null;

/** Created on first use, from the backend connection of src/main/remote/backend.ts. */
export function offlineRemote(): OfflineRemote {
  instance ??= createOfflineRemote({
    get backendUrl() {
      return backendClients().backendUrl;
    },
    probe: () => backendClients().forCall(0, null).health.query(),
  });
  return instance;
}

/** Tests: forget the state (and stop its probe timer). */
export function resetOfflineRemote(): void {
  instance?.dispose();
  instance = null;
}

/** The part of a remote procedure's context the helpers below use. */
export interface OfflineContext extends OfflineCaller {
  token: string | null;
}

/**
 * A remote query that answers from the caller's last good result while the backend is unreachable:
 *
 *   list: remoteProcedure.query(({ ctx, input, signal }) =>
 *     offlineQuery(ctx, 'notes.list', input, (backend) => backend.notes.list.query(input, { signal })))
 */
export function offlineQuery<T>(
  ctx: OfflineContext,
  path: string,
  input: unknown,
  run: (backend: BackendClient) => Promise<T>,
): Promise<T> {
  return offlineRemote().query(ctx, path, input, () => run(backendClients().forCall(ctx.windowId, ctx.token)));
}

/** How a mutation is being sent: `replay` once it waited in the queue (the call itself is long over). */
export interface MutationAttempt {
  replay: boolean;
}

/**
 * A remote mutation that fails fast with SERVICE_UNAVAILABLE while the backend is unreachable, or
 * with `{ queue: true }` waits in main and is replayed with a fresh token (answering `{ queued, id }`).
 * Only opt in where running the change later is still right (e.g. adding a note, not paying). A
 * replay must not use the call's `signal`: pass it only when `attempt.replay` is false.
 *
 *   addLater: remoteProcedure.input(…).mutation(({ ctx, input, signal }) =>
 *     offlineMutation(ctx, 'notes.add', input, (backend, { replay }) =>
 *       backend.notes.add.mutate(input, replay ? {} : { signal }), { queue: true }))
 */
export function offlineMutation<T>(
  ctx: OfflineContext,
  path: string,
  input: unknown,
  run: (backend: BackendClient, attempt: MutationAttempt) => Promise<T>,
  options: { queue: true },
): Promise<T | QueuedAnswer>;
export function offlineMutation<T>(
  ctx: OfflineContext,
  path: string,
  input: unknown,
  run: (backend: BackendClient, attempt: MutationAttempt) => Promise<T>,
  options?: { queue?: false },
): Promise<T>;
export function offlineMutation<T>(
  ctx: OfflineContext,
  path: string,
  input: unknown,
  run: (backend: BackendClient, attempt: MutationAttempt) => Promise<T>,
  options?: { queue?: boolean },
): Promise<T | QueuedAnswer> {
  return offlineRemote().mutation(
    ctx,
    path,
    input,
    // Replays pass the fresh token of the moment; the first attempt uses the call's own.
    (token) =>
      run(backendClients().forCall(ctx.windowId, token === undefined ? ctx.token : token), { replay: token !== undefined }),
    options,
  );
}

export const offlineRouter = router({
  /** The caller's view, now and after every change, until unsubscribed or the window goes away. */
  status: publicProcedure.subscription(async function* ({ ctx, signal }): AsyncGenerator<OfflineStatus> {
    const remote = offlineRemote();
    let changed = true;
    let wake: (() => void) | undefined;
    const stop = remote.onStatus(() => {
      changed = true;
      wake?.();
    });
    const onAbort = (): void => wake?.();
    signal?.addEventListener('abort', onAbort);
    try {
      while (!signal?.aborted) {
        if (changed) {
          changed = false;
          yield remote.status(ctx.auth?.userId ?? null);
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      stop();
      signal?.removeEventListener('abort', onAbort);
    }
  }),
});

/**
 * Remote calls that stay honest without a network (src/main/remote/remote-router.ts uses it):
 *
 * - queries answer from the last good result of the same user (./last-good-cache.ts) when the
 *   backend cannot be reached, and `status` says the backend is unreachable since when: the UI
 *   marks what it shows as stale;
 * - mutations fail fast with SERVICE_UNAVAILABLE and a message, or, for procedures that opt in
 *   (`{ queue: true }`), wait in main (./mutation-queue.ts) and are replayed in order with a fresh
 *   token once the backend answers again (./reachability.ts probes it with a capped backoff);
 * - a sign-out drops the user's cached answers and queued mutations (src/main/session-sync).
 *
 * "Unreachable" means the request never got an answer because no connection could be made; a
 * backend that answers, even with an error, is reachable, and its errors pass through unchanged.
 */
import { TRPCClientError } from '@trpc/client';
import { TRPCError } from '@trpc/server';

import { createLastGoodCache, type LastGoodCache } from './last-good-cache';
import { createMutationQueue, type MutationQueue, type QueuedMutation } from './mutation-queue';
import { createReachability, type Reachability, type ReachabilityOptions } from './reachability';

export interface OfflineCaller {
  windowId: number;
  auth: { userId: string } | null;
  /** A fresh token of the caller's window (the IPC context's `getFreshToken`). */
  getFreshToken: () => Promise<string | null>;
}

export interface OfflineStatus {
  reachable: boolean;
  /** Unreachable since (ms epoch); null while reachable. */
  since: number | null;
  /** The caller's mutations waiting for the backend, oldest first. */
  queued: Array<Pick<QueuedMutation, 'id' | 'path' | 'queuedAt'>>;
  /** The caller's last replayed mutations (done or failed, with the error message). */
  replayed: Array<{ id: number; path: string; ok: boolean; message?: string }>;
}

/** What an opted-in mutation answers while the backend is unreachable. */
export interface QueuedAnswer {
  queued: true;
  id: number;
}

export interface OfflineRemoteOptions extends Pick<ReachabilityOptions, 'backoffMs' | 'setTimeout' | 'clearTimeout'> {
  backendUrl: string;
  /** A cheap public call that proves the backend answers (e.g. `health`). */
  probe(): Promise<unknown>;
  now?: () => number;
}

export interface OfflineRemote {
  query<T>(caller: OfflineCaller, path: string, input: unknown, run: () => Promise<T>): Promise<T>;
  mutation<T>(
    caller: OfflineCaller,
    path: string,
    input: unknown,
    run: (token?: string | null) => Promise<T>,
    options?: { queue?: boolean },
  ): Promise<T | QueuedAnswer>;
  status(userId: string | null): OfflineStatus;
  /** Called on every status change (reachability, queue). Returns the unsubscribe function. */
  onStatus(listener: () => void): () => void;
  signedOut(userIds: Iterable<string>): void;
  readonly cache: LastGoodCache;
  readonly queue: MutationQueue;
  readonly reachability: Reachability;
  dispose(): void;
}

/** Error codes of a connection that could not be made: the request was certainly not sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 6; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    const inner = cause as { cause?: unknown; errors?: unknown[] };
    if (Array.isArray(inner.errors)) for (const each of inner.errors) codes.push(...causeCodes(each));
    cause = inner.cause;
  }
  return codes;
}

/** No connection could be made to the backend: nothing was sent. */
export function isNotSent(error: unknown): boolean {
  if (!(error instanceof TRPCClientError) || error.data !== undefined) return false;
  return causeCodes(error).some((code) => NOT_SENT_CODES.has(code));
}

function unavailable(backendUrl: string): TRPCError {
  return new TRPCError({
    code: 'SERVICE_UNAVAILABLE',
    message: `The backend at ${backendUrl} cannot be reached. Nothing was changed; try again when the network is back.`,
  });
}

export function createOfflineRemote(options: OfflineRemoteOptions): OfflineRemote {
  const now = options.now ?? Date.now;
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());
  const cache = createLastGoodCache({ now });
  /** Per queued item: how to send it and where its fresh token comes from (never stored as data). */
  const pending = new Map<
    number,
    { run: (token: string | null) => Promise<unknown>; getFreshToken: () => Promise<string | null> }
  >();
  const replayed: Array<OfflineStatus['replayed'][number] & { userId: string }> = [];
  const settle = (item: QueuedMutation, ok: boolean, message?: string): void => {
    pending.delete(item.id);
    replayed.push({ userId: item.userId, id: item.id, path: item.path, ok, ...(message !== undefined && { message }) });
    if (replayed.length > 50) replayed.shift();
  };
  const queue = createMutationQueue({
    now,
    getToken: (item) => pending.get(item.id)?.getFreshToken() ?? Promise.resolve(null),
    send: (item, token) => pending.get(item.id)!.run(token),
    onChange: (event) => {
      if (event.type === 'done') settle(event.item, true);
      else if (event.type === 'failed')
        settle(event.item, false, event.error instanceof Error ? event.error.message : String(event.error));
      else if (event.type === 'dropped') pending.delete(event.item.id);
      notify();
    },
  });
  const reachability = createReachability({
    probe: options.probe,
    backoffMs: options.backoffMs,
    setTimeout: options.setTimeout,
    clearTimeout: options.clearTimeout,
    onChange: notify,
    onReachable: () => void queue.replay(),
  });

  function enqueue(
    caller: OfflineCaller & { auth: { userId: string } },
    path: string,
    input: unknown,
    run: (token: string | null) => Promise<unknown>,
  ): QueuedAnswer {
    const item = queue.enqueue({ userId: caller.auth.userId, windowId: caller.windowId, path, input });
    pending.set(item.id, { run, getFreshToken: caller.getFreshToken });
    return { queued: true, id: item.id };
  }

  return {
    cache,
    queue,
    reachability,
    async query(caller, path, input, run) {
      try {
        const value = await run();
        reachability.succeeded();
        if (caller.auth) cache.remember(caller.auth.userId, path, input, value);
        return value;
      } catch (error) {
        if (!isNotSent(error)) throw error;
        reachability.failedToConnect();
        const hit = caller.auth ? cache.recall(caller.auth.userId, path, input) : undefined;
        if (hit) return hit.value as Awaited<ReturnType<typeof run>>;
        throw error;
      }
    },
    async mutation(caller, path, input, run, mutationOptions = {}) {
      const queueable = mutationOptions.queue === true && caller.auth !== null;
      if (!reachability.reachable) {
        if (queueable) return enqueue(caller as OfflineCaller & { auth: { userId: string } }, path, input, run);
        throw unavailable(options.backendUrl); // fail fast: no request while the backend is known to be gone
      }
      try {
        const value = await run();
        reachability.succeeded();
        return value;
      } catch (error) {
        if (!isNotSent(error)) throw error;
        reachability.failedToConnect();
        if (queueable) return enqueue(caller as OfflineCaller & { auth: { userId: string } }, path, input, run);
        throw unavailable(options.backendUrl);
      }
    },
    status(userId) {
      const queued = userId === null ? [] : queue.list(userId).map(({ id, path, queuedAt }) => ({ id, path, queuedAt }));
      const outcomes = replayed.filter((entry) => entry.userId === userId).map(({ userId: _user, ...outcome }) => outcome);
      return { reachable: reachability.reachable, since: reachability.since, queued, replayed: outcomes };
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    signedOut(userIds) {
      for (const userId of userIds) {
        cache.forgetUser(userId);
        queue.dropUser(userId);
        for (let i = replayed.length - 1; i >= 0; i--) if (replayed[i]!.userId === userId) replayed.splice(i, 1);
      }
      notify();
    },
    dispose() {
      reachability.dispose();
      listeners.clear();
    },
  };
}

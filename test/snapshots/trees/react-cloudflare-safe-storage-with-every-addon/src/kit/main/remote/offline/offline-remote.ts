/**
 * Remote calls that stay honest without a network (../offline.ts uses it):
 *
 * - queries that opt in (`{ remember: true }`) answer from the last good result of the same user
 *   (./last-good-cache.ts) when the backend cannot be reached, and `status` says the backend is
 *   unreachable since when: the UI marks what it shows as stale;
 * - mutations fail fast with SERVICE_UNAVAILABLE and a message, or, for procedures that opt in
 *   (`{ queue: true }`), wait in main (./mutation-queue.ts: on disk, per user and organization) and
 *   are replayed once the backend answers again (../reachability.ts probes it with a capped backoff),
 *   each with a fresh token of a window signed in as the same user and organization;
 * - a sign-out drops the user's cached answers; their queued changes stay, sealed, until they sign in again.
 *
 * "Unreachable" means the request never got an answer because no connection could be made; a
 * backend that answers, even with an error, is reachable, and its errors pass through unchanged.
 */
import { TRPCClientError } from '@trpc/client';
import { TRPCError } from '@trpc/server';

import { createLastGoodCache, type LastGoodCache } from './last-good-cache';
import { createMutationQueue, type Identity, type MutationQueue, type QueuedMutation, type Verdict } from './mutation-queue';
import type { QueueStore } from './queue-store';
import { createReachability, isNotSent, type Reachability, type ReachabilityOptions } from '../reachability';

export interface OfflineCaller {
  windowId: number;
  auth: { userId: string; orgId?: string | undefined } | null;
  /** A fresh token of the caller's window (the IPC context's `getFreshToken`). */
  getFreshToken: () => Promise<string | null>;
}

export interface OfflineStatus {
  reachable: boolean;
  /** Unreachable since (ms epoch); null while reachable. */
  since: number | null;
  /** The caller's changes waiting for the backend, oldest first. */
  queued: Array<Pick<QueuedMutation, 'id' | 'path' | 'queuedAt'>>;
  /** The caller's changes the backend refused: never sent again; `offline.dismiss` forgets one. */
  refused: Array<{ id: string; path: string; queuedAt: number; message: string }>;
  /** The caller's changes sent since the app started (most recent 50). */
  replayed: Array<{ id: string; path: string }>;
  /** Lines for the UI about the data shown and the waiting changes (refused ones are listed apart). */
  details: string[];
}

/** What an opted-in mutation answers while it waits. */
export interface QueuedAnswer {
  queued: true;
  id: string;
}

export interface OfflineRemoteOptions extends Pick<ReachabilityOptions, 'backoffMs' | 'setTimeout' | 'clearTimeout'> {
  backendUrl: string;
  /** A cheap public call that proves the backend answers (e.g. `health`). */
  probe(): Promise<unknown>;
  store: QueueStore;
  /** Sends a queued item alone, with `token` and its id as Idempotency-Key. */
  sendQueued(item: QueuedMutation, token: string): Promise<unknown>;
  /** The user and organization of a token main has verified. */
  identityOf(token: string): Identity;
  retryDelayMs?: (attempt: number) => number;
  now?: () => number;
}

export interface OfflineRemote {
  query<T>(
    caller: OfflineCaller,
    path: string,
    input: unknown,
    run: () => Promise<T>,
    options?: { remember?: boolean },
  ): Promise<T>;
  mutation<T>(
    caller: OfflineCaller,
    path: string,
    input: unknown,
    run: () => Promise<T>,
    options?: { queue?: boolean },
  ): Promise<T | QueuedAnswer>;
  status(userId: string | null): OfflineStatus;
  dismiss(userId: string, id: string): Promise<boolean>;
  /** Called on every status change (reachability, queue). Returns the unsubscribe function. */
  onStatus(listener: () => void): () => void;
  signedOut(userIds: Iterable<string>): void;
  readonly cache: LastGoodCache;
  readonly queue: MutationQueue;
  readonly reachability: Reachability;
  dispose(): void;
}

function unavailable(backendUrl: string): TRPCError {
  return new TRPCError({
    code: 'SERVICE_UNAVAILABLE',
    message: `The backend at ${backendUrl} cannot be reached. Nothing was changed; try again when the network is back.`,
  });
}

/** A refusal is final (bad input, forbidden, not found, conflict…); anything else may pass later. */
export function classify(error: unknown): Verdict {
  if (isNotSent(error)) return 'unreachable';
  const status =
    error instanceof TRPCClientError
      ? ((error.data as { httpStatus?: number } | undefined)?.httpStatus ??
        (error.meta?.response as { status?: number } | undefined)?.status)
      : undefined;
  const final = status !== undefined && status >= 400 && status < 500 && ![401, 408, 429].includes(status);
  return final ? 'refused' : 'retry';
}

function describe(status: Pick<OfflineStatus, 'reachable' | 'queued'>): string[] {
  const { reachable, queued } = status;
  return [
    ...(reachable ? [] : ['The data shown is the last the app received (stale). Changes that cannot wait fail with a message.']),
    ...(queued.length > 0
      ? [`${queued.length} change${queued.length === 1 ? '' : 's'} waiting to be sent (kept if the app quits).`]
      : []),
  ];
}

export function createOfflineRemote(options: OfflineRemoteOptions): OfflineRemote {
  const now = options.now ?? Date.now;
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());
  const cache = createLastGoodCache({ now });
  /** Windows that made calls, with the identity of their last one: where a fresh token may come from. */
  const windows = new Map<number, { identity: Identity; getFreshToken: () => Promise<string | null> }>();
  const replayed: Array<{ userId: string; id: string; path: string }> = [];

  async function tokenFor(identity: Identity): Promise<string | null> {
    for (const [windowId, window] of windows) {
      if (window.identity.userId !== identity.userId || window.identity.orgId !== identity.orgId) continue;
      const token = await window.getFreshToken().catch(() => null);
      if (token === null) {
        windows.delete(windowId);
        continue;
      }
      // The window may have switched user or organization since its last call: its token says.
      const current = options.identityOf(token);
      if (current.userId === identity.userId && current.orgId === identity.orgId) return token;
      window.identity = current;
    }
    return null;
  }

  const queue = createMutationQueue({
    store: options.store,
    now,
    retryDelayMs: options.retryDelayMs,
    tokenFor,
    // What a replay finds out about the backend counts as any call's would.
    send: (item, token) =>
      options.sendQueued(item, token).then(
        (value) => (reachability.succeeded(), value),
        (error: unknown) => {
          if (isNotSent(error)) reachability.failedToConnect();
          throw error;
        },
      ),
    classify,
    onChange: (event) => {
      if (event.type === 'done') {
        replayed.push({ userId: event.item.userId, id: event.item.id, path: event.item.path });
        if (replayed.length > 50) replayed.shift();
      }
      notify();
    },
  });
  const reachability = createReachability({
    probe: options.probe,
    backoffMs: options.backoffMs,
    setTimeout: options.setTimeout,
    clearTimeout: options.clearTimeout,
    onChange: (reachable) => {
      notify();
      if (reachable) void queue.replay();
    },
  });

  /** Notes the caller's window and identity; returns the identity (null: signed out). */
  function seen(caller: OfflineCaller): Identity | null {
    if (!caller.auth) return null;
    const identity = { userId: caller.auth.userId, orgId: caller.auth.orgId ?? null };
    windows.set(caller.windowId, { identity, getFreshToken: caller.getFreshToken });
    // A window of a user with waiting changes is where they can be sent from.
    if (reachability.reachable && queue.waiting(identity)) void queue.replay();
    return identity;
  }

  async function enqueue(identity: Identity, path: string, input: unknown): Promise<QueuedAnswer> {
    const item = await queue.enqueue(identity, path, input);
    return { queued: true, id: item.id };
  }

  return {
    cache,
    queue,
    reachability,
    async query(caller, path, input, run, queryOptions = {}) {
      const identity = seen(caller);
      const remember = queryOptions.remember !== false && identity !== null;
      try {
        const value = await run();
        reachability.succeeded();
        if (remember) cache.remember(identity, path, input, value);
        return value;
      } catch (error) {
        if (!isNotSent(error)) throw error;
        reachability.failedToConnect();
        const hit = remember ? cache.recall(identity, path, input) : undefined;
        if (hit) return hit.value as Awaited<ReturnType<typeof run>>;
        throw error;
      }
    },
    async mutation(caller, path, input, run, mutationOptions = {}) {
      const identity = seen(caller);
      const queueable = mutationOptions.queue === true && identity !== null;
      if (!reachability.reachable) {
        if (queueable) return enqueue(identity, path, input);
        throw unavailable(options.backendUrl); // fail fast: no request while the backend is known to be gone
      }
      // Behind the identity's waiting changes, so that they all arrive in order.
      if (queueable && (await queue.ready, queue.waiting(identity))) {
        const answer = await enqueue(identity, path, input);
        void queue.replay();
        return answer;
      }
      try {
        const value = await run();
        reachability.succeeded();
        return value;
      } catch (error) {
        if (!isNotSent(error)) throw error;
        reachability.failedToConnect();
        if (queueable) return enqueue(identity, path, input);
        throw unavailable(options.backendUrl);
      }
    },
    status(userId) {
      const mine = userId === null ? [] : queue.list(userId);
      const partial = {
        reachable: reachability.reachable,
        since: reachability.since,
        queued: mine.filter((item) => item.refused === undefined).map(({ id, path, queuedAt }) => ({ id, path, queuedAt })),
        refused: mine.flatMap(({ id, path, queuedAt, refused }) =>
          refused === undefined ? [] : [{ id, path, queuedAt, message: refused }],
        ),
        replayed: replayed.filter((entry) => entry.userId === userId).map(({ id, path }) => ({ id, path })),
      };
      return { ...partial, details: describe(partial) };
    },
    dismiss: (userId, id) => queue.dismiss(userId, id),
    onStatus(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    signedOut(userIds) {
      for (const userId of userIds) {
        cache.forgetUser(userId);
        for (const [windowId, window] of windows) if (window.identity.userId === userId) windows.delete(windowId);
        for (let i = replayed.length - 1; i >= 0; i--) if (replayed[i]!.userId === userId) replayed.splice(i, 1);
      }
      notify();
    },
    dispose() {
      reachability.dispose();
      queue.dispose();
      listeners.clear();
    },
  };
}

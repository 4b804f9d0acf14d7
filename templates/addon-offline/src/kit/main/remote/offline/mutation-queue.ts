/**
 * Mutations that a procedure lets wait while the backend is unreachable, replayed once it is back.
 *
 * - Per identity: each item keeps the user (and active organization) whose token was current when it
 *   was queued, and is sent only with a token of that same user and organization (`tokenFor`); the
 *   items of anyone else wait. Order holds within an identity: an item waits while an older one does.
 * - Exactly once in effect: each item has a random id, sent as its `Idempotency-Key`; the backend runs
 *   a key once and answers a repeat with the first result, so an item is removed only after an answer
 *   and may safely be sent again after a crash, a lost answer or a restart.
 * - Transient failures (no answer, 5xx, 429, 401) are retried with a capped backoff; a refusal (any
 *   other 4xx) keeps the item as refused, never sent again, until the user dismisses it.
 * - Durable: every change is written to `store` before it is acknowledged.
 */
import { randomUUID } from 'node:crypto';

import type { QueueStore } from './queue-store';

export interface Identity {
  userId: string;
  /** The active organization when it was queued; null: none. */
  orgId: string | null;
}

export interface QueuedMutation extends Identity {
  /** Random; also the request's Idempotency-Key. */
  id: string;
  path: string;
  input: unknown;
  queuedAt: number;
  /** Set when the backend refused it: the refusal's message. */
  refused?: string;
}

export type QueueEvent =
  | { type: 'queued' | 'refused' | 'dismissed' | 'loaded'; item?: QueuedMutation }
  | { type: 'done'; item: QueuedMutation; result: unknown };

/** What a failed send means for the item. */
export type Verdict = 'unreachable' | 'retry' | 'refused';

export interface MutationQueueOptions {
  store: QueueStore;
  /** Sends one item with `token` and its id as Idempotency-Key. */
  send(item: QueuedMutation, token: string): Promise<unknown>;
  /** A fresh token whose user and organization are the item's, or null (none now: it waits). */
  tokenFor(identity: Identity): Promise<string | null>;
  classify(error: unknown): Verdict;
  onChange?: (event: QueueEvent) => void;
  /** Wait before the n-th retry of an identity (n ≥ 1). Default 1 s doubling, capped at 60 s. */
  retryDelayMs?: (attempt: number) => number;
  /** Most items held per user. Default 100. */
  maxPerUser?: number;
  now?: () => number;
}

export interface MutationQueue {
  /** Settles once the stored items are read. */
  readonly ready: Promise<void>;
  enqueue(identity: Identity, path: string, input: unknown): Promise<QueuedMutation>;
  /** A user's items, oldest first (refused ones included). */
  list(userId: string): QueuedMutation[];
  /** True while the identity has items that wait to be sent (or the store is still loading). */
  waiting(identity: Identity): boolean;
  /** Sends what can be sent now; concurrent calls share one run. */
  replay(): Promise<void>;
  /** Forgets a refused item of `userId`; false when there is none with that id. */
  dismiss(userId: string, id: string): Promise<boolean>;
  dispose(): void;
}

export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

const sameIdentity = (a: Identity, b: Identity): boolean => a.userId === b.userId && a.orgId === b.orgId;
const identityKey = (item: Identity): string => JSON.stringify([item.userId, item.orgId]);
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createMutationQueue(options: MutationQueueOptions): MutationQueue {
  const now = options.now ?? Date.now;
  const maxPerUser = options.maxPerUser ?? 100;
  const retryDelayMs = options.retryDelayMs ?? ((attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 60_000));
  const emit = (event: QueueEvent): void => options.onChange?.(event);
  const items: QueuedMutation[] = [];
  let isLoaded = false;
  const loaded = options.store.load().then((stored) => {
    items.unshift(...stored);
    isLoaded = true;
    emit({ type: 'loaded' });
  });
  /** Failed attempts in a row, per identity. */
  const attempts = new Map<string, number>();
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let runAgain = false;
  let disposed = false;
  let writes: Promise<void> = Promise.resolve();

  /** Writes the user's items as they are when the write starts; writes run one after another. */
  function persist(userId: string): Promise<void> {
    writes = writes.then(() =>
      disposed
        ? undefined
        : options.store.save(
            userId,
            items.filter((item) => item.userId === userId),
          ),
    );
    return writes;
  }

  function retryLater(identity: Identity): void {
    const attempt = (attempts.get(identityKey(identity)) ?? 0) + 1;
    attempts.set(identityKey(identity), attempt);
    if (retryTimer !== null || disposed) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void replay();
    }, retryDelayMs(attempt));
  }

  async function run(): Promise<void> {
    await loaded;
    const blocked = new Set<string>();
    for (const item of [...items]) {
      if (disposed) return;
      if (item.refused !== undefined || blocked.has(identityKey(item)) || !items.includes(item)) continue;
      const token = await options.tokenFor(item);
      if (token === null) {
        blocked.add(identityKey(item));
        continue;
      }
      let result: unknown;
      try {
        result = await options.send(item, token);
      } catch (error) {
        if (disposed) return;
        const verdict = options.classify(error);
        if (verdict === 'refused') {
          item.refused = message(error);
          await persist(item.userId);
          emit({ type: 'refused', item });
          continue;
        }
        blocked.add(identityKey(item));
        if (verdict === 'unreachable') return; // the reachability probe replays once the backend is back
        retryLater(item);
        continue;
      }
      if (disposed) return;
      attempts.delete(identityKey(item));
      items.splice(items.indexOf(item), 1);
      await persist(item.userId);
      emit({ type: 'done', item, result });
    }
  }

  function replay(): Promise<void> {
    if (running) {
      runAgain = true;
      return running;
    }
    running = run().finally(() => {
      running = null;
      if (runAgain && !disposed) {
        runAgain = false;
        void replay();
      }
    });
    return running;
  }

  return {
    ready: loaded,
    async enqueue(identity, path, input) {
      await loaded;
      if (items.filter((item) => item.userId === identity.userId).length >= maxPerUser) {
        throw new QueueFullError(`At most ${maxPerUser} changes can wait for the backend.`);
      }
      const item: QueuedMutation = { ...identity, id: randomUUID(), path, input, queuedAt: now() };
      items.push(item);
      await persist(identity.userId);
      emit({ type: 'queued', item });
      return item;
    },
    list: (userId) => items.filter((item) => item.userId === userId),
    waiting: (identity) => !isLoaded || items.some((item) => item.refused === undefined && sameIdentity(item, identity)),
    replay,
    async dismiss(userId, id) {
      await loaded;
      const index = items.findIndex((item) => item.userId === userId && item.id === id && item.refused !== undefined);
      if (index === -1) return false;
      const [item] = items.splice(index, 1);
      await persist(userId);
      emit({ type: 'dismissed', item });
      return true;
    },
    dispose() {
      disposed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
    },
  };
}

/**
 * Mutations that a procedure lets wait while the backend is unreachable, replayed in order once it
 * is back, each with a fresh token of its user.
 *
 * At most once: an item leaves the queue before it is sent, and whatever the outcome (done or
 * failed) it is never sent again. The UI sees every item (`list`) and every outcome (`onChange`).
 * A user's items are dropped when they sign out. Memory only: quitting the app drops the queue.
 */

export interface QueuedMutation {
  id: number;
  userId: string;
  /** The window that asked (its fresh token is used to replay). */
  windowId: number;
  path: string;
  input: unknown;
  queuedAt: number;
}

export type QueueEvent =
  | { type: 'queued'; item: QueuedMutation }
  | { type: 'done'; item: QueuedMutation; result: unknown }
  | { type: 'failed'; item: QueuedMutation; error: unknown }
  | { type: 'dropped'; item: QueuedMutation };

export interface MutationQueueOptions {
  /** Sends one item to the backend with `token`. */
  send(item: QueuedMutation, token: string | null): Promise<unknown>;
  /** A fresh token for the item's user (null: signed out or window gone: the item fails). */
  getToken(item: QueuedMutation): Promise<string | null>;
  onChange?: (event: QueueEvent) => void;
  /** Most items held per user. Default 100. */
  maxPerUser?: number;
  now?: () => number;
}

export interface MutationQueue {
  enqueue(item: Omit<QueuedMutation, 'id' | 'queuedAt'>): QueuedMutation;
  list(userId?: string): QueuedMutation[];
  /** Replays everything in order; concurrent calls share one run. */
  replay(): Promise<void>;
  /** Drops a user's items (sign-out). */
  dropUser(userId: string): void;
}

export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

export function createMutationQueue(options: MutationQueueOptions): MutationQueue {
  const now = options.now ?? Date.now;
  const maxPerUser = options.maxPerUser ?? 100;
  const items: QueuedMutation[] = [];
  let lastId = 0;
  let running: Promise<void> | null = null;
  const emit = (event: QueueEvent): void => options.onChange?.(event);

  async function run(): Promise<void> {
    for (let item = items.shift(); item; item = items.shift()) {
      // Taken off the queue before anything is sent: it can never be sent twice.
      try {
        const token = await options.getToken(item);
        if (token === null) throw new Error('Signed out before the backend was back: not sent.');
        emit({ type: 'done', item, result: await options.send(item, token) });
      } catch (error) {
        emit({ type: 'failed', item, error });
      }
    }
  }

  return {
    enqueue(fields) {
      if (items.filter((item) => item.userId === fields.userId).length >= maxPerUser) {
        throw new QueueFullError(`At most ${maxPerUser} changes can wait for the backend.`);
      }
      const item: QueuedMutation = { ...fields, id: ++lastId, queuedAt: now() };
      items.push(item);
      emit({ type: 'queued', item });
      return item;
    },
    list: (userId) => items.filter((item) => userId === undefined || item.userId === userId),
    replay() {
      running ??= run().finally(() => (running = null));
      return running;
    },
    dropUser(userId) {
      for (let i = items.length - 1; i >= 0; i--) {
        if (items[i]!.userId === userId) emit({ type: 'dropped', item: items.splice(i, 1)[0]! });
      }
    },
  };
}

/**
 * Live updates. A change signal says "the data of X changed" (X: a workspace's name): listeners then
 * read the change log from the database, so a missed or doubled signal loses nothing. A protected
 * subscription (SSE stream) ends when the token that opened it expires (the reconnect carries a fresh
 * token and the last event id), and a user has at most MAX_STREAMS_PER_USER open (per isolate / process).
 */
import { TRPCError } from '@trpc/server';

export interface ChangeSignal {
  /** Wakes every listener of `name`. */
  notify(name: string): Promise<void>;
  /** Calls `onChange` after each notify for `name` until the returned function is called. */
  listen(name: string, onChange: () => void): Promise<() => void>;
}

/** Within the process (Node, tests); Workers use a Durable Object per name (./cloudflare.ts). */
export function createLocalChangeSignal(): ChangeSignal {
  // Per name, so a change wakes its own workspace's streams without looking at anyone else's.
  const listeners = new Map<string, Set<{ onChange: () => void }>>();
  return {
    async notify(name) {
      for (const listener of [...(listeners.get(name) ?? [])]) listener.onChange();
    },
    async listen(name, onChange) {
      const listener = { onChange };
      const named = listeners.get(name) ?? new Set();
      listeners.set(name, named.add(listener));
      return () => {
        named.delete(listener);
        if (named.size === 0 && listeners.get(name) === named) listeners.delete(name);
      };
    },
  };
}

/** Open streams one user may hold: a few windows with a few live screens each. */
export const MAX_STREAMS_PER_USER = 10;

/** A retryable error: tRPC's client reconnects instead of giving up, as it would on UNAUTHORIZED. */
export const TOKEN_EXPIRED_MESSAGE = 'The session token of this stream expired: reconnect with a fresh one.';

const openStreams = new Map<string, number>();

/** Counts a user's stream in; throws TOO_MANY_REQUESTS past the limit. Call the returned function once it ends. */
export function admitStream(userId: string, limit: number = MAX_STREAMS_PER_USER): () => void {
  const open = openStreams.get(userId) ?? 0;
  const message = `At most ${limit} live streams per user at once: close one first.`;
  if (open >= limit) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message });
  openStreams.set(userId, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = openStreams.get(userId)! - 1;
    if (left > 0) openStreams.set(userId, left);
    else openStreams.delete(userId);
  };
}

/** The stream's values until `expiresAt` (ms since epoch; none: no end), then the retryable error above. */
export async function* untilExpiry<T>(
  source: AsyncIterable<T>,
  expiresAt: number | undefined,
  release: () => void,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    if (expiresAt === undefined) return;
    // setTimeout's largest delay is 2^31 - 1 ms; a longer one fires at once.
    timer = setTimeout(() => resolve('expired'), Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1));
  });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), expired]);
      if (next === 'expired') throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: TOKEN_EXPIRED_MESSAGE });
      if (next.done) return;
      yield next.value;
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    release();
    // Not awaited: a source waiting for its next value finishes once the request's signal aborts.
    void iterator.return?.()?.catch(() => {});
  }
}

/**
 * What every protected subscription (SSE stream) gets from `protectedProcedure`: it ends when the
 * token that opened it expires (the reconnect carries a fresh token and the last event id, so a
 * signed-in user misses nothing and a signed-out one is refused; Clerk's tokens live 60 s, which
 * bounds how long a stream outlives a sign-out), and a user has at most MAX_STREAMS_PER_USER open
 * at once (per Worker isolate / Node process).
 */
import { TRPCError } from '@trpc/server';

/** Open streams one user may hold: a few windows with a few live screens each. */
export const MAX_STREAMS_PER_USER = 10;

/** A retryable error: tRPC's client reconnects instead of giving up, as it would on UNAUTHORIZED. */
export const TOKEN_EXPIRED_MESSAGE = 'The session token of this stream expired: reconnect with a fresh one.';

/** setTimeout's largest delay; a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const openStreams = new Map<string, number>();

/** Counts a user's stream in; throws TOO_MANY_REQUESTS past the limit. Call the returned function once it ends. */
export function admitStream(userId: string, limit: number = MAX_STREAMS_PER_USER): () => void {
  const open = openStreams.get(userId) ?? 0;
  if (open >= limit) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `At most ${limit} live streams per user at once: close one first.`,
    });
  }
  openStreams.set(userId, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (openStreams.get(userId) ?? 1) - 1;
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
    const delay = Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS);
    timer = setTimeout(() => resolve('expired'), delay);
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

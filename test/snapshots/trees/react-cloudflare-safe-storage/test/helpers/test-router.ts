/**
 * A router that exercises every path of the IPC bridge, built with the app's own init.ts
 * (superjson, publicProcedure, protectedProcedure). `probe` lets tests see what main observed.
 */
import { lazy, tracked, TRPCError } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { protectedProcedure, publicProcedure, router } from '../../src/main/trpc/init';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves when `signal` aborts. */
function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export function createTestRouter() {
  const probe = {
    /** Tokens and identities seen by `whoami`, in order. */
    seen: [] as { windowId: number; token: string | null; userId: string | null }[],
    slowStarted: deferred<void>(),
    slowAborted: deferred<void>(),
    /** Subscription cleanups that ran (generator `finally`, observable teardown). */
    cleanups: [] as string[],
    cleanedUp: deferred<string>(),
    /** Lets the `ticks` subscription emit one value per call. */
    tick: undefined as undefined | (() => void),
    calls: 0,
    /** `lastEventId` each run of `resumable` started from (null: from the start). */
    resumedFrom: [] as (string | null)[],
  };
  const cleanup = (name: string): void => {
    probe.cleanups.push(name);
    probe.cleanedUp.resolve(name);
  };

  const testRouter = router({
    echo: publicProcedure.input((value: unknown) => value).query(({ input }) => input),
    add: publicProcedure.input((value: unknown) => value as { a: number; b: number }).mutation(({ input }) => input.a + input.b),
    whoami: publicProcedure.query(({ ctx }) => {
      probe.calls++;
      const seen = { windowId: ctx.windowId, token: ctx.token, userId: ctx.auth?.userId ?? null };
      probe.seen.push(seen);
      return seen;
    }),
    secret: protectedProcedure.query(({ ctx }) => ({ userId: ctx.auth.userId, sessionId: ctx.auth.sessionId })),
    freshToken: publicProcedure.query(({ ctx }) => ctx.getFreshToken()),
    slow: publicProcedure.query(async ({ signal }) => {
      probe.slowStarted.resolve();
      await aborted(signal);
      probe.slowAborted.resolve();
      return 'finished anyway';
    }),
    fail: publicProcedure.query((): never => {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'nope' });
    }),
    crash: publicProcedure.query((): never => {
      throw new Error('internal detail');
    }),
    /** Emits 0, 1, 2… each time the test calls `probe.tick()`; never ends by itself. */
    ticks: publicProcedure.subscription(async function* ({ signal }) {
      try {
        for (let n = 0; ; n++) {
          await new Promise<void>((resolve) => {
            probe.tick = resolve;
            signal?.addEventListener('abort', () => resolve(), { once: true });
          });
          if (signal?.aborted) return;
          yield n;
        }
      } finally {
        cleanup('ticks');
      }
    }),
    /** Three dated events, then the end. */
    dates: publicProcedure.subscription(async function* () {
      for (let n = 0; n < 3; n++) yield new Date(Date.UTC(2030, 0, n + 1));
    }),
    trackedEvents: publicProcedure.subscription(async function* () {
      yield tracked('a', { n: 1 });
      yield tracked('b', { n: 2 });
    }),
    observed: publicProcedure.subscription(() =>
      observable<number>((observer) => {
        observer.next(1);
        observer.next(2);
        probe.tick = () => observer.next(3);
        return () => cleanup('observed');
      }),
    ),
    failingSubscription: publicProcedure.subscription(async function* () {
      yield 1;
      throw new TRPCError({ code: 'CONFLICT', message: 'stream broke' });
    }),
    /** Values structured clone refuses, in a result: sent as JSON would carry them. */
    unsendable: publicProcedure.query(() => ({ n: 1, fn: () => 1, nested: { pending: new Promise<never>(() => {}) } })),
    /** A stream where one value is expected: fails instead of hanging. */
    streamResult: publicProcedure.query(() => ({ later: new Promise<number>(() => {}) })),
    unsendableEvents: publicProcedure.subscription(async function* () {
      yield { n: 1, fn: () => 1 };
      yield { n: 2 };
    }),
    /**
     * Events 1…5 with `tracked()` ids, resuming after `input.lastEventId`; breaks with a retryable
     * error once, after event `breakAfter` (a link must reconnect and deliver the rest).
     */
    resumable: publicProcedure
      .input((value: unknown) => (value ?? {}) as { lastEventId?: string; breakAfter?: number })
      .subscription(async function* ({ input }) {
        probe.resumedFrom.push(input.lastEventId ?? null);
        for (let n = Number(input.lastEventId ?? 0) + 1; n <= 5; n++) {
          if (n - 1 === input.breakAfter && probe.resumedFrom.length === 1) {
            throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'upstream hiccup' });
          }
          yield tracked(String(n), { n });
        }
      }),
    lazyBranch: lazy(async () =>
      router({
        hello: publicProcedure.query(() => 'from a lazy router'),
      }),
    ),
  });
  return { router: testRouter, probe };
}

export type TestRouter = ReturnType<typeof createTestRouter>['router'];

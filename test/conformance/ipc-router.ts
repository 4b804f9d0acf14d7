/**
 * The one router the IPC conformance suite runs through every transport: public procedures,
 * superjson, zod, an error formatter that exposes what differs between transports (the cause,
 * zod issues, the input it was given). Each transport gets its own instance and `probe`, which
 * records what the server side observed.
 */
import { initTRPC, lazy, tracked, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { observable } from '@trpc/server/observable';
import superjson from 'superjson';
import { z, ZodError } from 'zod';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function onAbort(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export function createConformanceRouter() {
  const probe = {
    /** Procedures that ran, in order. */
    ran: [] as string[],
    slowStarted: deferred(),
    slowAborted: deferred(),
    /** Generator `finally` blocks that ran. */
    cleanups: [] as string[],
    cleanedUp: deferred<string>(),
    /** `lastEventId` each run of `resumable` started from. */
    resumedFrom: [] as (string | null)[],
    /** Lets `forever` yield; set once the generator waits. */
    tick: undefined as undefined | (() => void),
  };

  const t = initTRPC.create({
    transformer: superjson,
    isDev: false,
    errorFormatter: ({ shape, error, input, path }) => ({
      ...shape,
      data: {
        ...shape.data,
        causeMessage: error.cause instanceof Error ? error.cause.message : null,
        zodIssues: error.cause instanceof ZodError ? error.cause.issues.map((i) => `${i.path.join('.')}:${i.code}`) : null,
        input: path === 'formatterInput' ? input : undefined,
      },
    }),
  });
  const run = (name: string) =>
    t.middleware(({ next }) => {
      probe.ran.push(name);
      return next();
    });
  const p = t.procedure;

  const router = t.router({
    echo: p.input((value: unknown) => value).query(({ input }) => input),
    echoMutation: p.input((value: unknown) => value).mutation(({ input }) => input),
    counted: p.use(run('counted')).query(() => 'ran'),
    throwCode: p.input(z.object({ code: z.string() })).mutation(({ input }): never => {
      const code = input.code as TRPC_ERROR_CODE_KEY;
      throw new TRPCError({ code, message: `failed with ${code}`, cause: new Error(`cause of ${code}`) });
    }),
    crash: p.query((): never => {
      throw new Error('internal detail');
    }),
    validated: p
      .input(z.object({ name: z.string().min(2), age: z.number().int() }))
      .mutation(({ input }) => `${input.name}:${input.age}`),
    badOutput: p.output(z.object({ ok: z.literal(true) })).query(() => ({ ok: false }) as unknown as { ok: true }),
    guarded: p
      .use(() => {
        throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
      })
      .query(() => 'never'),
    formatterInput: p
      .input((value: unknown) => value)
      .mutation((): never => {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'rejected' });
      }),
    big: p.input(z.number()).query(({ input }) => 'x'.repeat(input)),
    inputLength: p.input(z.string()).mutation(({ input }) => input.length),
    slow: p.query(async ({ signal }) => {
      probe.slowStarted.resolve();
      await onAbort(signal);
      probe.slowAborted.resolve();
      return 'finished anyway';
    }),
    // Values structured clone refuses.
    fnResult: p.query(() => ({ n: 1, fn: () => 1 })),
    bareFn: p.query(() => () => 1),
    deepPromise: p.query(() => ({ a: { b: { pending: new Promise<never>(() => {}) } } })),
    shallowPromise: p.query(() => ({ pending: new Promise<never>(() => {}) })),
    generatorResult: p.query(async function* () {
      yield 1;
    }),
    lazyBranch: lazy(async () => t.router({ hello: p.query(() => 'from a lazy router') })),

    finite: p.subscription(async function* () {
      yield new Date(Date.UTC(2030, 0, 1));
      yield new Map([['k', new Set([1n])]]);
      yield undefined;
    }),
    observed: p.subscription(() =>
      observable<number>((observer) => {
        observer.next(1);
        observer.next(2);
        observer.complete();
      }),
    ),
    /** What `observed` emits, as an async generator (localLink runs no observable subscriptions). */
    numbers: p.subscription(async function* () {
      yield 1;
      yield 2;
    }),
    trackedFinite: p.subscription(async function* () {
      yield tracked('a', { n: 1 });
      yield tracked('b', { n: 2 });
    }),
    /** Events 1…5 (tracked), from after `lastEventId`; the first run breaks after `breakAfter`. */
    resumable: p
      .input(
        z
          .object({ lastEventId: z.string().optional(), breakAfter: z.number().optional(), crash: z.boolean().optional() })
          .optional(),
      )
      .subscription(async function* ({ input }) {
        probe.resumedFrom.push(input?.lastEventId ?? null);
        for (let n = Number(input?.lastEventId ?? 0) + 1; n <= 5; n++) {
          if (n - 1 === input?.breakAfter && probe.resumedFrom.length === 1) {
            if (input.crash) throw new Error('crashed mid-stream');
            throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'upstream hiccup' });
          }
          yield tracked(String(n), { n });
        }
      }),
    failingMidStream: p.subscription(async function* () {
      yield 1;
      throw new TRPCError({ code: 'CONFLICT', message: 'stream broke', cause: new Error('why') });
    }),
    validatedSubscription: p.input(z.object({ from: z.number() })).subscription(async function* ({ input }) {
      yield input.from;
    }),
    forever: p.subscription(async function* ({ signal }) {
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
        probe.cleanups.push('forever');
        probe.cleanedUp.resolve('forever');
      }
    }),
    rapid: p.input(z.number()).subscription(async function* ({ input }) {
      for (let n = 0; n < input; n++) yield n;
    }),
    bigEvent: p.input(z.number()).subscription(async function* ({ input }) {
      yield 'y'.repeat(input);
    }),
    fnEvent: p.subscription(async function* () {
      yield { n: 1, fn: () => 1 };
      yield { n: 2 };
    }),
  });
  return { router, probe };
}

export type ConformanceRouter = ReturnType<typeof createConformanceRouter>['router'];
export type ConformanceProbe = ReturnType<typeof createConformanceRouter>['probe'];

/**
 * Conformance of the generated app's IPC transport (templates/base: ipcLink + preload bridge +
 * glue + handler) with tRPC's own transports.
 *
 * Every scenario runs on a reference transport (tRPC's `localLink`, or its fetch adapter behind
 * `httpLink` where `localLink` would hand values over by reference) and on IPC, each over its own
 * instance of one router (./ipc-router.ts), and the two outcomes must be equal. Where IPC differs
 * on purpose, the scenario names the difference from KNOWN_DIFFERENCES and asserts exactly that
 * difference. Every wait is bounded: a call or stream that does not settle fails as a hang.
 */
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { describe, expect, it } from 'vitest';
import { flushTasks, outcome, recordSubscription, settle, type Outcome } from './ipc-outcomes';
import { createTransport, type Transport } from './ipc-transports';

/**
 * Where IPC differs from tRPC's transports on purpose, or where the reference itself differs from
 * httpSubscriptionLink, whose behaviour IPC follows (also in the generated README, "Transport notes").
 */
export const KNOWN_DIFFERENCES = {
  'subscription-lifecycle':
    'Subscriptions report their lifecycle as httpSubscriptionLink does: `stopped` then the `idle` state when a stream ends (completes, or its signal aborts it), nothing extra before an error. localLink completes without `stopped`/`idle`, emits `idle` before an error, and never settles when the signal aborts a running stream; its outcomes are compared after that mapping.',
  'stream-result':
    'A query or mutation whose result is, or directly holds, a Promise or an async iterable fails with INTERNAL_SERVER_ERROR (500) over IPC; tRPC’s HTTP adapter answers UNSUPPORTED_MEDIA_TYPE (415) outside httpBatchStreamLink, localLink hands the object over.',
  'json-view':
    'A value structured clone refuses (a function, a nested Promise) travels as JSON would carry it, as over HTTP (functions dropped, a Promise as `{}`); localLink hands it over by reference.',
  'client-error-cause':
    'TRPCClientError#cause: localLink sets it to the server’s own Error object; over IPC (as over HTTP) only the formatted shape crosses, so `cause` is not that object (the formatter can put what is needed in `data`).',
} as const;
type Difference = keyof typeof KNOWN_DIFFERENCES;

interface Scenario {
  name: string;
  /** Default: localLink. */
  reference?: 'local' | 'http';
  run: (transport: Transport) => Promise<unknown>;
  /** The outcome itself, where no tRPC transport can serve as the reference. */
  expected?: unknown;
  /** The intentional difference this scenario shows, asserted by `compare` instead of equality. */
  difference?: { key: Difference; compare: (ipc: any, reference: any) => void };
}

const scenarios: Scenario[] = [];
const scenario = (s: Scenario): void => void scenarios.push(s);

// ─── queries and mutations ──────────────────────────────────────────────────────────────────────

/** Error outcomes carry no cause object (see 'client-error-cause'); everything else is compared. */
const call = (promise: () => Promise<unknown>, label: string) => outcome(promise(), label);

const ERROR_CODES = Object.keys(TRPC_ERROR_CODES_BY_KEY) as TRPC_ERROR_CODE_KEY[];
for (const code of ERROR_CODES) {
  scenario({
    name: `error ${code}: message, code, httpStatus, cause (via the formatter)`,
    run: ({ client }) => call(() => client.throwCode.mutate({ code }), code),
  });
}
scenario({
  name: 'the client error’s cause',
  run: async ({ client }) => {
    const error = await settle(
      client.throwCode.mutate({ code: 'CONFLICT' }).catch((e: unknown) => e),
      'cause',
    );
    const cause = (error as Error).cause as Error | undefined;
    return { causeMessage: cause?.message, data: (error as { data?: unknown }).data };
  },
  difference: {
    key: 'client-error-cause',
    compare: (ipc, local) => {
      expect(local.causeMessage).toBe('failed with CONFLICT'); // the server's TRPCError itself
      expect(ipc.causeMessage).toBeUndefined();
      expect(ipc.data).toEqual(local.data); // the formatted cause travels: data.causeMessage
    },
  },
});
scenario({ name: 'a thrown Error is INTERNAL_SERVER_ERROR', run: ({ client }) => call(() => client.crash.query(), 'crash') });
scenario({
  name: 'zod input error: BAD_REQUEST with the zod issues',
  run: ({ client }) => call(() => client.validated.mutate({ name: 'x', age: 1.5 }), 'validated'),
});
scenario({
  name: 'zod input accepted',
  run: ({ client }) => call(() => client.validated.mutate({ name: 'Ada', age: 36 }), 'validated'),
});
scenario({ name: 'output validation failure', run: ({ client }) => call(() => client.badOutput.query(), 'badOutput') });
scenario({ name: 'middleware error', run: ({ client }) => call(() => client.guarded.query(), 'guarded') });
scenario({
  name: 'unknown path is NOT_FOUND',
  run: ({ client }) => call(() => (client as any).no.such.path.query(), 'unknown'),
});
scenario({ name: 'lazy router', run: ({ client }) => call(() => client.lazyBranch.hello.query(), 'lazy') });
scenario({ name: 'undefined input', run: ({ client }) => call(() => client.echo.query(undefined), 'echo') });
scenario({ name: 'null input', run: ({ client }) => call(() => client.echo.query(null), 'echo') });
scenario({
  name: 'superjson types both ways (query)',
  run: ({ client }) =>
    call(
      () =>
        client.echo.query({
          date: new Date('2030-05-06T07:08:09.010Z'),
          map: new Map<unknown, unknown>([[1, new Set(['a'])]]),
          big: 2n ** 70n,
          undef: undefined,
          regexp: /a+b/gi,
          special: [NaN, Infinity, -Infinity, -0],
          url: new URL('https://example.com/?q=1'),
          nested: [{ when: new Date(0) }],
        }),
      'echo',
    ),
});
scenario({
  name: 'superjson types both ways (mutation)',
  run: ({ client }) => call(() => client.echoMutation.mutate({ at: new Date(1), tags: new Set([1, 2]) }), 'echoMutation'),
});
scenario({
  name: 'the errorFormatter gets the deserialised input (Date, Set intact)',
  run: ({ client }) =>
    call(() => client.formatterInput.mutate({ when: new Date('2031-01-01T00:00:00Z'), tags: new Set(['t']) }), 'formatterInput'),
});
scenario({
  name: '1 MB result',
  run: async ({ client }) => {
    const result = await call(() => client.big.query(1_000_000), 'big');
    return 'ok' in result ? { length: (result.ok as string).length } : result;
  },
});
scenario({
  name: '1 MB input',
  run: ({ client }) => call(() => client.inputLength.mutate('z'.repeat(1_000_000)), 'inputLength'),
});
scenario({
  name: '100 concurrent calls, each with its own answer',
  run: ({ client }) =>
    settle(
      Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? client.echo.query(i) : client.echoMutation.mutate(i)))),
      '100 calls',
    ),
});
scenario({
  name: 'abort before the call: rejects, the procedure does not run',
  reference: 'http', // localLink ignores a signal that is already aborted
  run: async ({ client, probe }) => {
    const controller = new AbortController();
    controller.abort();
    const result = await call(() => client.counted.query(undefined, { signal: controller.signal }), 'pre-aborted');
    await flushTasks();
    expect(probe.ran).toEqual([]);
    return { aborted: 'error' in result && /abort/i.test(result.error.message), ran: probe.ran };
  },
});
scenario({
  name: 'abort during the call: rejects, the server signal is aborted',
  reference: 'http', // localLink lets the call resolve after aborting the server signal
  run: async ({ client, probe }) => {
    const controller = new AbortController();
    const pending = call(() => client.slow.query(undefined, { signal: controller.signal }), 'slow');
    await settle(probe.slowStarted.promise, 'slow started');
    controller.abort();
    const result = await pending;
    await settle(probe.slowAborted.promise, 'server signal aborted');
    return { aborted: 'error' in result && /abort/i.test(result.error.message), serverSignalAborted: true };
  },
});

// ─── values structured clone refuses (reference: HTTP, which serialises like IPC must) ─────────

scenario({
  name: 'a function in a result is dropped',
  reference: 'http',
  run: ({ client }) => call(() => client.fnResult.query(), 'fnResult'),
});
scenario({
  name: 'a result that is a function',
  reference: 'http',
  run: ({ client }) => call(() => client.bareFn.query(), 'bareFn'),
});
scenario({
  name: 'a Promise deep in a result arrives as {}',
  reference: 'http',
  run: ({ client }) => call(() => client.deepPromise.query(), 'deepPromise'),
});
scenario({
  name: 'a function in the input is dropped',
  reference: 'http',
  run: ({ client }) => call(() => client.echo.query({ n: 1, fn: () => 1 }), 'echo'),
});
const streamResultDifference = {
  key: 'stream-result' as const,
  compare: (ipc: Outcome & { error: any }, http: Outcome & { error: any }) => {
    expect(http.error.data).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', httpStatus: 415 });
    expect(ipc.error.data).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 });
    expect(ipc.error.isClientError).toBe(true);
  },
};
scenario({
  name: 'a result holding a Promise settles with an error',
  reference: 'http',
  run: ({ client }) => call(() => client.shallowPromise.query(), 'shallowPromise'),
  difference: streamResultDifference,
});
scenario({
  name: 'a query returning an async generator settles with an error',
  reference: 'http',
  run: ({ client }) => call(() => client.generatorResult.query(), 'generatorResult'),
  difference: streamResultDifference,
});

// ─── subscriptions ──────────────────────────────────────────────────────────────────────────────

/** localLink's events mapped to httpSubscriptionLink's lifecycle (see 'subscription-lifecycle'). */
function asHttpSubscriptionLink(events: string[]): string[] {
  const mapped = events.filter((event, i) => !(event === 'state:idle' && events[i + 1]?.startsWith('error:')));
  const end = mapped.indexOf('complete');
  if (end !== -1 && mapped[end - 1] !== 'unsubscribed') mapped.splice(end, 0, 'stopped', 'state:idle');
  return mapped;
}
const lifecycle = {
  key: 'subscription-lifecycle' as const,
  compare: (ipc: { events: string[] }, local: { events: string[] }) => {
    expect(ipc).toEqual({ ...local, events: asHttpSubscriptionLink(local.events) });
  },
};
const subscribe = async (t: Transport, path: string, input?: unknown, extra?: () => unknown) => ({
  events: await recordSubscription(t.client, path, input),
  ...(extra ? { extra: extra() } : {}),
});

scenario({
  name: 'subscription: connection states, started, superjson events, end',
  run: (t) => subscribe(t, 'finite'),
  difference: lifecycle,
});
scenario({
  name: 'observable subscription (reference: the same values from an async generator)',
  run: (t) => subscribe(t, t.name === 'ipc' ? 'observed' : 'numbers'),
  difference: lifecycle,
});
scenario({ name: 'tracked() events carry their ids', run: (t) => subscribe(t, 'trackedFinite'), difference: lifecycle });
scenario({
  name: 'tracked() resume after a retryable error (SERVICE_UNAVAILABLE) with the last event id',
  run: (t) => subscribe(t, 'resumable', { breakAfter: 2 }, () => t.probe.resumedFrom),
  difference: lifecycle,
});
scenario({
  name: 'tracked() resume after a crash (INTERNAL_SERVER_ERROR) mid-stream',
  run: (t) => subscribe(t, 'resumable', { breakAfter: 4, crash: true }, () => t.probe.resumedFrom),
  difference: lifecycle,
});
scenario({
  name: 'resume by input.lastEventId (a reloaded page passes the id it kept)',
  run: (t) => subscribe(t, 'resumable', { lastEventId: '3' }, () => t.probe.resumedFrom),
  difference: lifecycle,
});
scenario({
  name: 'a non-retryable error mid-stream ends it with onError',
  run: (t) => subscribe(t, 'failingMidStream'),
  difference: lifecycle,
});
scenario({
  name: 'an input error is final (no reconnection)',
  run: (t) => subscribe(t, 'validatedSubscription', { from: 'nope' }),
  difference: lifecycle,
});
scenario({
  name: 'unknown subscription path is NOT_FOUND',
  run: (t) => subscribe(t, 'noSuchSubscription'),
  difference: lifecycle,
});
scenario({
  name: '1000 rapid events arrive in order',
  run: (t) => subscribe(t, 'rapid', 1000),
  difference: lifecycle,
});
scenario({
  name: '1 MB subscription event',
  run: async (t) => {
    const { events } = await subscribe(t, 'bigEvent', 1_000_000);
    return { events: events.map((e) => (e.length > 1000 ? `big:${e.length}` : e)) };
  },
  difference: lifecycle,
});
scenario({
  name: '20 concurrent subscriptions',
  run: async (t) => {
    const all = await settle(
      Promise.all(Array.from({ length: 20 }, () => recordSubscription(t.client, 'trackedFinite', undefined))),
      '20 subs',
    );
    return { events: all[0]!, same: all.every((events) => JSON.stringify(events) === JSON.stringify(all[0])) };
  },
  difference: lifecycle,
});
scenario({
  name: 'an event holding a function: delivered as JSON would carry it, the stream goes on',
  run: async (t) => {
    const keys: string[][] = [];
    const events = await recordSubscription(t.client, 'fnEvent', undefined, {
      onData: (data) => keys.push(Object.keys(data as object)),
    });
    return { events, keys };
  },
  difference: {
    key: 'json-view',
    compare: (ipc, local) => {
      expect(local.keys).toEqual([['n', 'fn'], ['n']]);
      expect(ipc.keys).toEqual([['n'], ['n']]);
      lifecycle.compare({ events: ipc.events }, { events: local.events });
    },
  },
});
scenario({
  name: 'unsubscribing runs the generator’s finally within a few IPC hops',
  run: async (t) => {
    const events = await recordSubscription(t.client, 'forever', undefined, {
      onEvent: (seen, unsubscribe) => {
        if (seen.includes('started') && !seen.includes('ticked')) {
          void (async () => {
            while (!t.probe.tick) await flushTasks(1);
            t.probe.tick();
          })();
        }
        if (seen.some((e) => e.startsWith('data:'))) unsubscribe();
      },
    });
    await flushTasks(4); // the stop message crosses IPC in one hop; a few more let `return()` run
    expect(t.probe.cleanups).toEqual(['forever']);
    return { events, cleanups: t.probe.cleanups, inFlight: t.inFlight?.() ?? 0 };
  },
});
scenario({
  name: 'aborting a subscription by its signal ends it and stops the generator',
  // localLink never settles here (see 'subscription-lifecycle'): the reference is what
  // httpSubscriptionLink emits when its EventSource is closed by the signal.
  expected: {
    events: ['state:connecting', 'started', 'state:pending', 'stopped', 'state:idle', 'complete'],
    cleanedUp: 'forever',
  },
  run: async (t) => {
    const controller = new AbortController();
    const events = await recordSubscription(t.client, 'forever', undefined, {
      signal: controller.signal,
      onEvent: (seen) => {
        if (seen.at(-1) === 'state:pending') controller.abort();
      },
    });
    return { events, cleanedUp: await settle(t.probe.cleanedUp.promise, 'generator finally') };
  },
});
scenario({
  name: 'a subscription whose signal is already aborted',
  run: async (t) => {
    const controller = new AbortController();
    controller.abort();
    const events = await recordSubscription(t.client, 'finite', undefined, { signal: controller.signal });
    await flushTasks();
    return { completes: events.at(-1) === 'complete', errors: events.filter((e) => e.startsWith('error')) };
  },
});

// ─── the suite ──────────────────────────────────────────────────────────────────────────────────

describe('IPC transport conformance with tRPC’s transports', () => {
  for (const s of scenarios) {
    it(s.name, async () => {
      const ipc = await s.run(createTransport.ipc());
      if (s.expected !== undefined) return expect(ipc).toEqual(s.expected);
      const reference = await s.run(createTransport[s.reference ?? 'local']());
      if (s.difference) s.difference.compare(ipc, reference);
      else expect(ipc).toEqual(reference);
    });
  }

  it('runs at least 60 scenarios, and every known difference is shown by one', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(60);
    const shown = new Set(scenarios.map((s) => s.difference?.key).filter(Boolean));
    for (const key of Object.keys(KNOWN_DIFFERENCES)) expect(shown).toContain(key);
  });
});

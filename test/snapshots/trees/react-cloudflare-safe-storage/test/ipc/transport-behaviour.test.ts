/**
 * The IPC transport behaves like tRPC's own transports where callers can tell: every call
 * settles, subscriptions report connection states and `stopped`, and a `tracked()` subscription
 * resumes after a retryable error (as with httpSubscriptionLink).
 */
import { TRPCClientError, type TRPCClient } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { createHarness } from '../helpers/harness';
import { createTestKey } from '../helpers/keys';
import { createTestRouter, type TestRouter } from '../helpers/test-router';

const sharedKey = createTestKey();

async function setup() {
  const { router, probe } = createTestRouter();
  const harness = await createHarness({ router, key: await sharedKey });
  return { ...harness, probe };
}

/** Fails (instead of waiting for the test timeout) when `promise` does not settle in time. */
function settlesWithin<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

const code = (error: unknown): string | undefined =>
  error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;

type Event = string;

/** Runs a subscription to its end and records everything the client saw, in order. */
function record(
  client: TRPCClient<TestRouter>,
  path: 'dates' | 'resumable' | 'unsendableEvents' | 'failingSubscription',
  input?: unknown,
  onEvent?: (events: Event[]) => void,
): Promise<Event[]> {
  const events: Event[] = [];
  const push = (event: Event): void => {
    events.push(event);
    onEvent?.(events);
  };
  return settlesWithin(
    new Promise<Event[]>((resolve) => {
      const procedure = client[path] as unknown as { subscribe: (input: unknown, opts: object) => unknown };
      procedure.subscribe(input, {
        onConnectionStateChange: (s: { state: string; error: unknown }) =>
          push(`state:${s.state}${s.error ? `:${code(s.error)}` : ''}`),
        onStarted: () => push('started'),
        onData: (data: unknown) => push(`data:${JSON.stringify(data)}`),
        onStopped: () => push('stopped'),
        onError: (error: unknown) => (push(`error:${code(error)}`), resolve(events)),
        onComplete: () => (push('complete'), resolve(events)),
      });
    }),
  );
}

describe('every call settles (17.1)', () => {
  it('a result holding a function and a nested Promise arrives as JSON would carry it', async () => {
    const { openWindow } = await setup();
    const { client } = openWindow();
    expect(await settlesWithin(client.unsendable.query())).toEqual({ n: 1, nested: { pending: {} } });
  });

  it('a result that is a stream fails with INTERNAL_SERVER_ERROR instead of hanging', async () => {
    const { openWindow, errors } = await setup();
    const { client } = openWindow();
    const error = await settlesWithin(client.streamResult.query().catch((e: unknown) => e));
    expect(code(error)).toBe('INTERNAL_SERVER_ERROR');
    expect(errors.map((e) => [e.path, e.error.message])).toEqual([
      ['streamResult', 'The result (a Promise or an async iterable) of streamResult cannot be sent over IPC'],
    ]);
  });

  it('a subscription event holding a function is delivered without it, and the stream goes on', async () => {
    const { openWindow } = await setup();
    const { client } = openWindow();
    const events = await record(client, 'unsendableEvents');
    expect(events.filter((e) => e.startsWith('data:'))).toEqual(['data:{"n":1}', 'data:{"n":2}']);
    expect(events.at(-1)).toBe('complete');
  });
});

describe('subscription lifecycle, as httpSubscriptionLink (17.4)', () => {
  it('connecting → started → pending → data… → stopped → idle → complete', async () => {
    const { openWindow } = await setup();
    const { client } = openWindow();
    const events = await record(client, 'dates');
    expect(events.map((e) => (e.startsWith('data:') ? 'data' : e))).toEqual([
      'state:connecting',
      'started',
      'state:pending',
      'data',
      'data',
      'data',
      'stopped',
      'state:idle',
      'complete',
    ]);
  });

  it('a non-retryable error ends the stream with onError, without stopped', async () => {
    const { openWindow } = await setup();
    const { client } = openWindow();
    const events = await record(client, 'failingSubscription');
    expect(events).toEqual(['state:connecting', 'started', 'state:pending', 'data:1', 'error:CONFLICT']);
  });
});

describe('tracked() subscriptions resume (17.3)', () => {
  it('reconnect after a retryable error with the last event id and deliver the rest', async () => {
    const { openWindow, probe } = await setup();
    const { client } = openWindow();
    const events = await record(client, 'resumable', { breakAfter: 2 });
    expect(events).toEqual([
      'state:connecting',
      'started',
      'state:pending',
      'data:{"id":"1","data":{"n":1}}',
      'data:{"id":"2","data":{"n":2}}',
      'state:connecting:SERVICE_UNAVAILABLE',
      'started',
      'state:pending',
      'data:{"id":"3","data":{"n":3}}',
      'data:{"id":"4","data":{"n":4}}',
      'data:{"id":"5","data":{"n":5}}',
      'stopped',
      'state:idle',
      'complete',
    ]);
    expect(probe.resumedFrom).toEqual([null, '2']);
  });

  it('waits retryDelayMs before reconnecting, and unsubscribing meanwhile cancels the reconnection', async () => {
    const { openWindow, probe } = await setup();
    const delays: number[] = [];
    const { client } = openWindow({ retryDelayMs: (attempt) => (delays.push(attempt), 50) });
    const reconnecting = new Promise<void>((resolve) => {
      const sub = client.resumable.subscribe(
        { breakAfter: 1 },
        {
          onConnectionStateChange: (s) => {
            if (s.state === 'connecting' && s.error) {
              sub.unsubscribe();
              resolve();
            }
          },
        },
      );
    });
    await settlesWithin(reconnecting);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(delays).toEqual([1]);
    expect(probe.resumedFrom).toEqual([null]); // no second run
  });

  it('after a reload, the new page resumes by passing the last event id it kept', async () => {
    const { openWindow, openPage, probe } = await setup();
    const { client, win } = openWindow();
    const seen: string[] = [];
    let lastEventId: string | undefined;
    await settlesWithin(
      new Promise<void>((resolve) => {
        client.ticks.subscribe(undefined, { onData: () => {} }); // an unrelated stream, stopped by the reload
        const sub = client.resumable.subscribe(
          {},
          {
            onData: (event) => {
              lastEventId = event.id; // a real page would keep it in sessionStorage
              seen.push(event.id);
              if (event.id === '2') {
                sub.unsubscribe();
                resolve();
              }
            },
          },
        );
      }),
    );
    win.navigate();
    await settlesWithin(probe.cleanedUp.promise); // main stopped the old page's subscriptions
    const page = openPage(win);
    const rest = await record(page.client, 'resumable', { lastEventId });
    expect(rest.filter((e) => e.startsWith('data:')).map((e) => JSON.parse(e.slice(5)).id)).toEqual(['3', '4', '5']);
    expect(seen).toEqual(['1', '2']);
    expect(probe.resumedFrom).toEqual([null, '2']);
  });
});

describe('navigations', () => {
  it('a navigation that starts but never commits (cancelled) leaves the page’s calls running', async () => {
    const { openWindow, probe } = await setup();
    const { client, win } = openWindow();
    const values: number[] = [];
    client.ticks.subscribe(undefined, { onData: (n) => values.push(n) });
    while (!probe.tick) await new Promise((resolve) => setImmediate(resolve));
    const controller = new AbortController();
    const slow = client.slow.query(undefined, { signal: controller.signal }).catch((e: unknown) => e);
    await probe.slowStarted.promise;

    win.startNavigation(); // e.g. refused by will-navigate afterwards
    probe.tick();
    await settlesWithin(
      (async () => {
        while (values.length < 1) await new Promise((resolve) => setImmediate(resolve));
      })(),
    );
    expect(values).toEqual([0]);
    expect(probe.cleanups).toEqual([]);
    controller.abort();
    expect(String(await settlesWithin(slow))).toMatch(/abort/i);
  });
});

describe('aborts settle', () => {
  it('a subscription aborted by its signal reports stopped and idle, like httpSubscriptionLink', async () => {
    const { openWindow, probe } = await setup();
    const { client } = openWindow();
    const controller = new AbortController();
    const events: string[] = [];
    const done = new Promise<void>((resolve) => {
      client.ticks.subscribe(undefined, {
        signal: controller.signal,
        onStarted: () => controller.abort(),
        onStopped: () => events.push('stopped'),
        onConnectionStateChange: (s) => events.push(s.state),
        onComplete: () => resolve(),
      });
    });
    await settlesWithin(done);
    expect(events).toEqual(['connecting', 'stopped', 'idle']);
    expect(await settlesWithin(probe.cleanedUp.promise)).toBe('ticks');
  });
});

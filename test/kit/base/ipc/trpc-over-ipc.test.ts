/**
 * The renderer link, the preload bridge, the glue and the handler, end to end over the fake IPC
 * pair, with real tRPC clients and real JWTs signed by a local key.
 */
import { getUntypedClient, TRPCClientError } from '@trpc/client';
import { tracked, TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { MAX_CALLS_IN_FLIGHT } from '../../src/kit/ipc/main/handler';
import { IPC_REQUEST_CHANNEL } from '../../src/kit/ipc/protocol';
import type { ForwardedCall } from '../../src/kit/ipc/main/handler';
import type { Context } from '../../src/kit/main/trpc/init';
import { createHarness } from '../helpers/harness';
import { createTestKey } from '../helpers/keys';
import { createTestRouter } from '../helpers/test-router';

const sharedKey = createTestKey();

async function setup() {
  const { router, probe } = createTestRouter();
  const harness = await createHarness({ router, key: await sharedKey });
  return { ...harness, probe };
}

/** Lets queued IPC deliveries (one setImmediate per hop) and their promise chains run. */
async function flushIpc(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

function trpcCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
}

describe('token on every call', () => {
  it('sends the current token with every operation and main sees it with the verified identity', async () => {
    const { openWindow, key, probe } = await setup();
    let token = await key.sign({ sub: 'user_a', sid: 'sess_a1' });
    const { client, tokenCalls } = openWindow({ getToken: async () => token });

    const first = await client.whoami.query();
    expect(first).toMatchObject({ token, userId: 'user_a' });

    token = await key.sign({ sub: 'user_a', sid: 'sess_a2' }); // clerk-js refreshed it
    const second = await client.whoami.query();
    expect(second.token).toBe(token);
    expect(await client.add.mutate({ a: 2, b: 3 })).toBe(5);
    expect(tokenCalls()).toBe(3);
    expect(probe.calls).toBe(2);
  });

  it('signed out: the call goes through with a null token, protected procedures answer UNAUTHORIZED', async () => {
    const { openWindow } = await setup();
    const { client } = openWindow({ getToken: async () => null });
    expect(await client.whoami.query()).toMatchObject({ token: null, userId: null });
    const error = await client.secret.query().catch((e: unknown) => e);
    expect(trpcCode(error)).toBe('UNAUTHORIZED');
  });

  it('a failing getToken() counts as signed out and is not thrown at the caller', async () => {
    const { openWindow } = await setup();
    const { client } = openWindow({ getToken: () => Promise.reject(new Error('offline')) });
    expect(await client.whoami.query()).toMatchObject({ token: null, userId: null });
    expect(trpcCode(await client.secret.query().catch((e: unknown) => e))).toBe('UNAUTHORIZED');
  });

  it('a verified token opens protected procedures', async () => {
    const { openWindow, key } = await setup();
    const token = await key.sign({ sub: 'user_p', sid: 'sess_p' });
    const { client } = openWindow({ getToken: async () => token });
    expect(await client.secret.query()).toEqual({ userId: 'user_p', sessionId: 'sess_p' });
  });

  it('forged and expired tokens give no identity', async () => {
    const { openWindow, key } = await setup();
    const valid = await key.sign();
    const [header, payload] = valid.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'user_admin' }),
    ).toString('base64url');
    const forged = `${header}.${forgedPayload}.${valid.split('.')[2]}`;
    const expired = await key.sign({ expiresIn: -120 });
    for (const token of [forged, expired]) {
      const { client } = openWindow({ getToken: async () => token });
      expect(trpcCode(await client.secret.query().catch((e: unknown) => e))).toBe('UNAUTHORIZED');
      expect((await client.whoami.query()).userId).toBeNull();
    }
  });

  it('two windows signed in as two users never see each other’s token or identity', async () => {
    const { openWindow, key, probe } = await setup();
    const tokenA = await key.sign({ sub: 'user_a', sid: 'sess_a' });
    const tokenB = await key.sign({ sub: 'user_b', sid: 'sess_b' });
    const a = openWindow({ getToken: async () => tokenA });
    const b = openWindow({ getToken: async () => tokenB });

    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).client.whoami.query()));
    results.forEach((result, i) => {
      expect(result).toMatchObject(i % 2 === 0 ? { token: tokenA, userId: 'user_a' } : { token: tokenB, userId: 'user_b' });
    });
    const windowIds = new Set(probe.seen.map((seen) => seen.windowId));
    expect(windowIds.size).toBe(2);
    for (const seen of probe.seen) {
      const expected = seen.userId === 'user_a' ? tokenA : tokenB;
      expect(seen.token).toBe(expected);
    }
    // Each window's stored token is its own: fresh tokens do not cross windows either.
    expect(await a.client.freshToken.query()).toBe(tokenA);
    expect(await b.client.freshToken.query()).toBe(tokenB);
  });
});

describe('sender validation', () => {
  it('drops messages from a foreign origin: nothing runs, nothing is answered', async () => {
    const { openWindow, probe, errors, registration } = await setup();
    const foreign = openWindow({ origin: 'https://evil.example', getToken: async () => 'stolen?' });
    let settled = false;
    void foreign.client.whoami.query().finally(() => (settled = true));
    await flushIpc();
    expect(probe.calls).toBe(0);
    expect(settled).toBe(false);
    expect(errors.map((e) => e.error.code)).toEqual(['FORBIDDEN']);
    expect(await registration.getFreshToken(foreign.win.webContents.id).catch(() => 'threw')).toBeNull();
  });

  it('drops messages whose senderFrame is null', async () => {
    const { openWindow, probe, errors } = await setup();
    const orphan = openWindow({ nullSenderFrame: true });
    let settled = false;
    void orphan.client.whoami.query().finally(() => (settled = true));
    await flushIpc();
    expect(probe.calls).toBe(0);
    expect(settled).toBe(false);
    expect(errors.map((e) => e.error.code)).toEqual(['FORBIDDEN']);
  });

  it('drops malformed messages without running anything', async () => {
    const { electron, probe, errors } = await setup();
    const win = electron.createWindow();
    win.ipcRenderer.send(IPC_REQUEST_CHANNEL, { type: 'query', id: 1, path: 'whoami', token: null });
    win.ipcRenderer.send(IPC_REQUEST_CHANNEL, 'whoami');
    await flushIpc();
    expect(probe.calls).toBe(0);
    expect(errors.map((e) => e.error.code)).toEqual(['PARSE_ERROR', 'PARSE_ERROR']);
  });
});

describe('tRPC semantics over IPC', () => {
  it('a Date (and other superjson types) survives the round trip both ways', async () => {
    const { openWindow } = await setup();
    const { client } = openWindow();
    const input = { when: new Date('2030-05-06T07:08:09.010Z'), tags: new Set(['a']), big: 10n };
    const output = (await client.echo.query(input)) as typeof input;
    expect(output.when).toBeInstanceOf(Date);
    expect(output.when.toISOString()).toBe('2030-05-06T07:08:09.010Z');
    expect(output.tags).toEqual(new Set(['a']));
    expect(output.big).toBe(10n);
  });

  it('errors arrive as TRPCClientError with the router’s error shape; internal details are reported in main', async () => {
    const { openWindow, errors } = await setup();
    const { client } = openWindow();
    const bad = await client.fail.query().catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TRPCClientError);
    expect((bad as TRPCClientError<never>).message).toBe('nope');
    expect(trpcCode(bad)).toBe('BAD_REQUEST');
    expect(trpcCode(await client.crash.query().catch((e: unknown) => e))).toBe('INTERNAL_SERVER_ERROR');
    expect(errors.map((e) => [e.path, e.error.code])).toEqual([
      ['fail', 'BAD_REQUEST'],
      ['crash', 'INTERNAL_SERVER_ERROR'],
    ]);
  });

  it('an unknown path answers NOT_FOUND; lazy routers resolve', async () => {
    const { openWindow } = await setup();
    const { client } = openWindow();
    expect(await client.lazyBranch.hello.query()).toBe('from a lazy router');
    const untyped = client as unknown as { nothing: { here: { query: () => Promise<unknown> } } };
    expect(trpcCode(await untyped.nothing.here.query().catch((e: unknown) => e))).toBe('NOT_FOUND');
  });

  it('a long query is cancelled: the abort reaches the procedure in main', async () => {
    const { openWindow, probe } = await setup();
    const { client } = openWindow();
    const controller = new AbortController();
    const call = client.slow.query(undefined, { signal: controller.signal });
    await probe.slowStarted.promise;
    controller.abort();
    await expect(call).rejects.toThrow(/abort/i);
    await probe.slowAborted.promise; // main's signal fired: the cancel message arrived
  });
});

describe('per-call state', () => {
  it('is released when calls end, are cancelled or stopped, and when the window goes away', async () => {
    const { openWindow, probe, registration } = await setup();
    const { client, win } = openWindow();
    const id = win.webContents.id;
    await Promise.all(Array.from({ length: 50 }, (_, i) => client.echo.query(i)));
    await client.fail.query().catch(() => {});
    expect(registration.inFlight(id)).toBe(0);

    const controller = new AbortController();
    const slow = client.slow.query(undefined, { signal: controller.signal }).catch(() => 'aborted');
    const sub = client.ticks.subscribe(undefined, { onData: () => {} });
    await probe.slowStarted.promise;
    while (!probe.tick) await flushIpc(1);
    expect(registration.inFlight(id)).toBe(2);
    controller.abort();
    sub.unsubscribe();
    expect(await slow).toBe('aborted');
    await probe.cleanedUp.promise;
    await flushIpc();
    expect(registration.inFlight(id)).toBe(0);
  });
});

describe('calls in flight per window', () => {
  it(`refuses a call past ${MAX_CALLS_IN_FLIGHT} in flight, and takes calls again once some end`, async () => {
    const { openWindow, registration } = await setup();
    const { client, win } = openWindow();
    const id = win.webContents.id;
    const subscriptions = Array.from({ length: MAX_CALLS_IN_FLIGHT }, () => client.ticks.subscribe(undefined, { onData: () => {} }));
    while (registration.inFlight(id) < MAX_CALLS_IN_FLIGHT) await flushIpc(1);

    const refused = await client.echo.query(1).catch((error: unknown) => error);
    expect(trpcCode(refused)).toBe('TOO_MANY_REQUESTS');
    expect(registration.inFlight(id)).toBe(MAX_CALLS_IN_FLIGHT);
    const other = openWindow();
    expect(await other.client.echo.query(2)).toBe(2);

    subscriptions[0]!.unsubscribe();
    while (registration.inFlight(id) >= MAX_CALLS_IN_FLIGHT) await flushIpc(1);
    expect(await client.echo.query(3)).toBe(3);
    for (const subscription of subscriptions) subscription.unsubscribe();
  });
});

describe('subscriptions', () => {
  it('delivers data, and unsubscribing stops the generator in main', async () => {
    const { openWindow, probe } = await setup();
    const { client } = openWindow();
    const values: number[] = [];
    let started = false;
    const gotTwo = new Promise<void>((resolve) => {
      const sub = client.ticks.subscribe(undefined, {
        onStarted: () => (started = true),
        onData: (n) => {
          values.push(n);
          if (values.length === 2) {
            sub.unsubscribe();
            resolve();
          } else probe.tick?.();
        },
      });
    });
    while (!probe.tick) await flushIpc(1);
    probe.tick();
    await gotTwo;
    expect(started).toBe(true);
    expect(values).toEqual([0, 1]);
    expect(await probe.cleanedUp.promise).toBe('ticks');
  });

  it('an abort signal ends the subscription in the renderer and stops it in main', async () => {
    const { openWindow, probe } = await setup();
    const { client } = openWindow();
    const controller = new AbortController();
    const completed = new Promise<void>((resolve) => {
      client.ticks.subscribe(undefined, { signal: controller.signal, onData: () => {}, onComplete: resolve });
    });
    while (!probe.tick) await flushIpc(1);
    controller.abort();
    await completed;
    expect(await probe.cleanedUp.promise).toBe('ticks');
  });

  it('stops when the window is destroyed', async () => {
    const { openWindow, probe, errors } = await setup();
    const { client, win } = openWindow();
    const sub = client.ticks.subscribe(undefined, { onData: () => {} });
    while (!probe.tick) await flushIpc(1);
    win.destroy();
    expect(await probe.cleanedUp.promise).toBe('ticks');
    sub.unsubscribe();
    expect(errors).toEqual([]);
  });

  it('stops when the window navigates or reloads', async () => {
    const { openWindow, probe } = await setup();
    const { client, win } = openWindow();
    client.observed.subscribe(undefined, { onData: () => {} });
    while (!probe.tick) await flushIpc(1);
    win.navigate();
    expect(await probe.cleanedUp.promise).toBe('observed');
  });

  it('completes when the generator ends, with Dates intact', async () => {
    const { openWindow } = await setup();
    const { client } = openWindow();
    const dates = await new Promise<Date[]>((resolve, reject) => {
      const got: Date[] = [];
      client.dates.subscribe(undefined, { onData: (d) => got.push(d), onComplete: () => resolve(got), onError: reject });
    });
    expect(dates.map((d) => d.toISOString().slice(0, 10))).toEqual(['2030-01-01', '2030-01-02', '2030-01-03']);
  });

  it('tracked() events carry their id', async () => {
    const { openWindow } = await setup();
    const { client } = openWindow();
    const events = await new Promise<unknown[]>((resolve, reject) => {
      const got: unknown[] = [];
      client.trackedEvents.subscribe(undefined, { onData: (e) => got.push(e), onComplete: () => resolve(got), onError: reject });
    });
    expect(events).toEqual([
      { id: 'a', data: { n: 1 } },
      { id: 'b', data: { n: 2 } },
    ]);
  });

  it('observable subscriptions work and tear down on unsubscribe', async () => {
    const { openWindow, probe } = await setup();
    const { client } = openWindow();
    const values: number[] = [];
    await new Promise<void>((resolve) => {
      const sub = client.observed.subscribe(undefined, {
        onData: (n) => {
          values.push(n);
          if (n === 2) probe.tick?.();
          if (n === 3) {
            sub.unsubscribe();
            resolve();
          }
        },
      });
    });
    expect(values).toEqual([1, 2, 3]);
    expect(await probe.cleanedUp.promise).toBe('observed');
  });

  it('an error thrown mid-stream reaches onError with its code', async () => {
    const { openWindow } = await setup();
    const { client } = openWindow();
    const seen: number[] = [];
    const error = await new Promise<unknown>((resolve) => {
      client.failingSubscription.subscribe(undefined, { onData: (n) => seen.push(n), onError: resolve });
    });
    expect(seen).toEqual([1]);
    expect(trpcCode(error)).toBe('CONFLICT');
  });
});

describe('forwarded namespaces', () => {
  async function setupForwarding() {
    const calls: Array<Omit<ForwardedCall<Context>, 'ctx' | 'signal'> & { token: string | null }> = [];
    const { router } = createTestRouter();
    const harness = await createHarness({
      router,
      key: await sharedKey,
      forward: {
        ext: ({ type, path, input, ctx }) => {
          calls.push({ type, path, input, token: ctx.token });
          if (path === 'fails') throw new TRPCError({ code: 'FORBIDDEN', message: 'not yours' });
          if (type === 'subscription')
            return (async function* () {
              yield tracked('7', { at: new Date(0) });
            })();
          return Promise.resolve({ path, input });
        },
      },
    });
    return { ...harness, calls };
  }

  it('hands every call under the namespace to its forwarder, with the token, input and errors of a procedure', async () => {
    const { openWindow, key, calls } = await setupForwarding();
    const token = await key.sign({ sub: 'user_fw' });
    const client = getUntypedClient(openWindow({ getToken: async () => token }).client);
    const when = new Date(5);
    expect(await client.query('ext.deep.path', { when })).toEqual({ path: 'deep.path', input: { when } });
    expect(await client.mutation('ext.change', 1)).toEqual({ path: 'change', input: 1 });
    expect(trpcCode(await client.query('ext.fails').catch((e: unknown) => e))).toBe('FORBIDDEN');
    const events: unknown[] = [];
    await new Promise<void>((resolve) => {
      client.subscription('ext.stream', undefined, {
        onData: (event) => events.push(event),
        onStopped: resolve,
        onComplete: resolve,
      });
    });
    expect(events).toEqual([{ id: '7', data: { at: new Date(0) } }]);
    expect(calls.map(({ type, path, token: sent }) => [type, path, sent])).toEqual([
      ['query', 'deep.path', token],
      ['mutation', 'change', token],
      ['query', 'fails', token],
      ['subscription', 'stream', token],
    ]);
  });

  it('forwards only its own namespaces: other paths, and names of Object.prototype, are not forwarded', async () => {
    const { openWindow, calls } = await setupForwarding();
    const client = getUntypedClient(openWindow().client);
    for (const path of ['constructor.x', 'toString.x', '__proto__.x', 'ext', 'extra.x']) {
      expect(trpcCode(await client.query(path).catch((e: unknown) => e)), path).toBe('NOT_FOUND');
    }
    expect(calls).toEqual([]);
  });
});

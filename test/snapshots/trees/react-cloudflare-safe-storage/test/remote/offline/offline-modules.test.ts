import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';

import { cacheKey, createLastGoodCache } from '../../../src/main/remote/offline/last-good-cache';
import { createMutationQueue, QueueFullError, type QueueEvent } from '../../../src/main/remote/offline/mutation-queue';
import { createOfflineRemote, isNotSent } from '../../../src/main/remote/offline/offline-remote';
import { createReachability } from '../../../src/main/remote/offline/reachability';

/** What Node's fetch throws when nothing listens on the port. */
function refused(): TRPCClientError<any> {
  const cause = new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
  });
  return new TRPCClientError('fetch failed', { cause });
}

/** A manual timer queue that counts live timers. */
function manualTimers() {
  const timers = new Map<number, () => void>();
  let id = 0;
  return {
    setTimeout: (callback: () => void) => (timers.set(++id, callback), id),
    clearTimeout: (handle: unknown) => void timers.delete(handle as number),
    live: () => timers.size,
    fireAll: () => {
      const due = [...timers];
      timers.clear();
      for (const [, callback] of due) callback();
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('last good cache', () => {
  it('keeps answers per user, keyed by path and input in any key order, bounded, and forgets a user', () => {
    const cache = createLastGoodCache({ maxEntriesPerUser: 2, now: () => 5 });
    cache.remember('alice', 'notes.list', { a: 1, b: 2 }, ['x']);
    expect(cache.recall('alice', 'notes.list', { b: 2, a: 1 })).toEqual({ value: ['x'], at: 5 });
    expect(cache.recall('bob', 'notes.list', { a: 1, b: 2 })).toBeUndefined();
    cache.remember('alice', 'me', undefined, 1);
    cache.remember('alice', 'health', undefined, 2);
    expect(cache.size('alice')).toBe(2);
    expect(cacheKey('p', { when: new Date(0) })).toContain('1970');
    cache.forgetUser('alice');
    expect(cache.size('alice')).toBe(0);
  });
});

describe('mutation queue', () => {
  it('replays in order, each item at most once, with a fresh token, and drops a user on sign-out', async () => {
    const sent: Array<[string, string | null]> = [];
    const events: QueueEvent['type'][] = [];
    let failNext = false;
    const queue = createMutationQueue({
      getToken: async (item) => (item.userId === 'gone' ? null : `fresh-${item.userId}`),
      send: async (item, token) => {
        sent.push([String(item.input), token]);
        if (failNext) {
          failNext = false;
          throw new Error('conflict');
        }
        return item.input;
      },
      onChange: (event) => events.push(event.type),
      maxPerUser: 3,
    });
    queue.enqueue({ userId: 'alice', windowId: 1, path: 'notes.add', input: 'one' });
    queue.enqueue({ userId: 'bob', windowId: 2, path: 'notes.add', input: 'bob' });
    queue.enqueue({ userId: 'alice', windowId: 1, path: 'notes.add', input: 'two' });
    queue.enqueue({ userId: 'gone', windowId: 3, path: 'notes.add', input: 'never' });
    expect(queue.list('alice').map((item) => item.input)).toEqual(['one', 'two']);
    queue.dropUser('bob');
    failNext = true;
    await Promise.all([queue.replay(), queue.replay()]); // one run
    await queue.replay(); // nothing left: nothing sent twice
    expect(sent).toEqual([
      ['one', 'fresh-alice'],
      ['two', 'fresh-alice'],
    ]);
    expect(events).toEqual(['queued', 'queued', 'queued', 'queued', 'dropped', 'failed', 'done', 'failed']);
    expect(queue.list()).toEqual([]);
    for (let i = 0; i < 3; i++) queue.enqueue({ userId: 'alice', windowId: 1, path: 'p', input: i });
    expect(() => queue.enqueue({ userId: 'alice', windowId: 1, path: 'p', input: 3 })).toThrow(QueueFullError);
  });
});

describe('reachability', () => {
  it('probes with a capped backoff only while unreachable, and no timer while reachable', async () => {
    const timers = manualTimers();
    let up = false;
    const delays: number[] = [];
    let reachableCalls = 0;
    const reach = createReachability({
      probe: async () => {
        if (!up) throw new Error('down');
      },
      backoffMs: (attempt) => (delays.push(attempt), Math.min(1000 * 2 ** (attempt - 1), 4000)),
      setTimeout: timers.setTimeout,
      clearTimeout: timers.clearTimeout,
      onReachable: () => reachableCalls++,
    });
    expect(timers.live()).toBe(0);
    reach.failedToConnect();
    reach.failedToConnect(); // still one timer
    expect(timers.live()).toBe(1);
    timers.fireAll();
    await flush();
    expect(timers.live()).toBe(1);
    up = true;
    timers.fireAll();
    await flush();
    expect(reach.reachable).toBe(true);
    expect(reachableCalls).toBe(1);
    expect(timers.live()).toBe(0);
    expect(delays).toEqual([1, 2]);
    reach.failedToConnect();
    reach.dispose();
    expect(timers.live()).toBe(0);
  });
});

describe('offline remote', () => {
  const caller = (userId: string | null, windowId = 1) => ({
    windowId,
    auth: userId === null ? null : { userId },
    getFreshToken: async () => (userId === null ? null : `fresh-${userId}`),
  });

  it('tells a request that was never sent from one the backend answered', () => {
    expect(isNotSent(refused())).toBe(true);
    expect(isNotSent(new TRPCClientError('boom', { result: { error: { data: { code: 'SERVICE_UNAVAILABLE' } } } as any }))).toBe(
      false,
    );
    expect(isNotSent(new Error('x'))).toBe(false);
  });

  it('answers queries from the same user’s last good result while unreachable; others get the error', async () => {
    const timers = manualTimers();
    const remote = createOfflineRemote({
      backendUrl: 'http://b',
      probe: async () => {},
      setTimeout: timers.setTimeout,
      clearTimeout: timers.clearTimeout,
    });
    expect(await remote.query(caller('alice'), 'notes.list', {}, async () => ['fresh'])).toEqual(['fresh']);
    expect(await remote.query(caller('alice', 2), 'notes.list', {}, () => Promise.reject(refused()))).toEqual(['fresh']);
    expect(remote.status('alice')).toMatchObject({ reachable: false });
    await expect(remote.query(caller('bob'), 'notes.list', {}, () => Promise.reject(refused()))).rejects.toBeInstanceOf(
      TRPCClientError,
    );
    await expect(remote.query(caller(null), 'notes.list', {}, () => Promise.reject(refused()))).rejects.toBeInstanceOf(
      TRPCClientError,
    );
    remote.signedOut(['alice']);
    await expect(remote.query(caller('alice'), 'notes.list', {}, () => Promise.reject(refused()))).rejects.toBeInstanceOf(
      TRPCClientError,
    );
    remote.dispose();
    expect(timers.live()).toBe(0);
  });

  it('mutations fail fast with SERVICE_UNAVAILABLE, or wait in the queue when they opt in, and replay once the backend is back', async () => {
    const timers = manualTimers();
    let up = false;
    const remote = createOfflineRemote({
      backendUrl: 'http://b',
      probe: async () => {
        if (!up) throw refused();
      },
      setTimeout: timers.setTimeout,
      clearTimeout: timers.clearTimeout,
    });
    const backend: Array<[string, string | null | undefined]> = [];
    const add = (text: string) => async (token?: string | null) => {
      if (!up) throw refused();
      backend.push([text, token]);
      return { text };
    };
    await expect(remote.mutation(caller('alice'), 'notes.add', 'x', add('x'))).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    let attempts = 0;
    await expect(remote.mutation(caller('alice'), 'notes.add', 'y', async () => void attempts++)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringContaining('cannot be reached'),
    });
    expect(attempts).toBe(0); // fast: not even tried while the backend is known to be gone

    expect(await remote.mutation(caller('alice'), 'notes.add', 'a', add('a'), { queue: true })).toEqual({ queued: true, id: 1 });
    expect(await remote.mutation(caller('bob', 2), 'notes.add', 'b', add('b'), { queue: true })).toEqual({ queued: true, id: 2 });
    expect(await remote.mutation(caller('alice'), 'notes.add', 'c', add('c'), { queue: true })).toEqual({ queued: true, id: 3 });
    await expect(remote.mutation(caller(null), 'notes.add', 'n', add('n'), { queue: true })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(remote.status('alice').queued.map((item) => item.id)).toEqual([1, 3]);
    remote.signedOut(['bob']);

    up = true;
    timers.fireAll(); // the probe succeeds
    await flush();
    await remote.queue.replay();
    expect(backend).toEqual([
      ['a', 'fresh-alice'],
      ['c', 'fresh-alice'],
    ]);
    expect(remote.status('alice')).toMatchObject({
      reachable: true,
      queued: [],
      replayed: [
        { id: 1, ok: true },
        { id: 3, ok: true },
      ],
    });
    expect(timers.live()).toBe(0);
    remote.dispose();
  });
});

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';

import { cacheKey, createLastGoodCache } from '../../../src/kit/main/remote/offline/last-good-cache';
import { createMutationQueue, QueueFullError, type QueuedMutation } from '../../../src/kit/main/remote/offline/mutation-queue';
import { classify, createOfflineRemote } from '../../../src/kit/main/remote/offline/offline-remote';
import { createQueueStore, queueFileName } from '../../../src/kit/main/remote/offline/queue-store';
import { createReachability, isNotSent } from '../../../src/kit/main/remote/reachability';

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
  it('keeps answers per user and organization, keyed by path and input in any key order, bounded, and forgets a user', () => {
    const cache = createLastGoodCache({ maxEntriesPerUser: 2, now: () => 5 });
    const alice = { userId: 'alice', orgId: null };
    cache.remember(alice, 'notes.list', { a: 1, b: 2 }, ['x']);
    expect(cache.recall(alice, 'notes.list', { b: 2, a: 1 })).toEqual({ value: ['x'], at: 5 });
    expect(cache.recall({ userId: 'bob', orgId: null }, 'notes.list', { a: 1, b: 2 })).toBeUndefined();
    expect(cache.recall({ userId: 'alice', orgId: 'org_a' }, 'notes.list', { a: 1, b: 2 })).toBeUndefined();
    cache.remember(alice, 'me', undefined, 1);
    cache.remember(alice, 'health', undefined, 2);
    expect(cache.size('alice')).toBe(2);
    expect(cacheKey('p', { when: new Date(0) })).toContain('1970');
    cache.forgetUser('alice');
    expect(cache.size('alice')).toBe(0);
  });
});

/** A store in memory that records what was saved, as the disk would hold it. */
function memoryStore(initial: QueuedMutation[] = []) {
  const saved = new Map<string, QueuedMutation[]>();
  for (const item of initial) saved.set(item.userId, [...(saved.get(item.userId) ?? []), item]);
  return {
    saved,
    load: async () => [...saved.values()].flat().map((item) => ({ ...item })),
    save: async (userId: string, items: QueuedMutation[]) =>
      void (items.length === 0 ? saved.delete(userId) : saved.set(userId, items.map((item) => ({ ...item })))),
  };
}

describe('mutation queue', () => {
  it('sends each identity’s items in order with its own token only, retries what may pass later, keeps refusals until dismissed', async () => {
    const store = memoryStore();
    const sent: Array<[unknown, string, string]> = [];
    const verdicts: Record<string, Array<'retry' | 'refused'>> = { flaky: ['retry'], bad: ['refused'] };
    const signedIn = new Set(['alice/', 'alice/org_1']);
    const queue = createMutationQueue({
      store,
      tokenFor: async ({ userId, orgId }) => (signedIn.has(`${userId}/${orgId ?? ''}`) ? `token-${userId}-${orgId}` : null),
      send: async (item, token) => {
        sent.push([item.input, token, item.id]);
        const verdict = verdicts[String(item.input)]?.shift();
        if (verdict) throw Object.assign(new Error(verdict), { verdict });
        return item.input;
      },
      classify: (error) => (error as { verdict: 'retry' | 'refused' }).verdict,
      retryDelayMs: () => 0,
      maxPerUser: 4,
    });
    const alice = { userId: 'alice', orgId: null };
    await queue.enqueue(alice, 'notes.add', 'one');
    await queue.enqueue({ userId: 'bob', orgId: null }, 'notes.add', 'bob');
    await queue.enqueue({ userId: 'alice', orgId: 'org_1' }, 'notes.add', 'in org');
    await queue.enqueue(alice, 'notes.add', 'flaky');
    await queue.enqueue(alice, 'notes.add', 'bad');
    expect(store.saved.get('alice')?.map((item) => item.input)).toEqual(['one', 'in org', 'flaky', 'bad']); // on disk first
    await expect(queue.enqueue(alice, 'notes.add', 'five')).rejects.toBeInstanceOf(QueueFullError);

    await queue.replay();
    await vi.waitFor(() => expect(queue.list('alice').filter((item) => item.refused === undefined)).toEqual([]));
    expect(sent.map(([input, token]) => [input, token])).toEqual([
      ['one', 'token-alice-null'],
      ['in org', 'token-alice-org_1'],
      ['flaky', 'token-alice-null'],
      ['flaky', 'token-alice-null'], // retried, with the same key
      ['bad', 'token-alice-null'],
    ]);
    expect(new Set(sent.filter(([input]) => input === 'flaky').map(([, , id]) => id)).size).toBe(1);
    expect(queue.waiting({ userId: 'bob', orgId: null })).toBe(true); // no token of bob's: waits
    const [refused] = queue.list('alice');
    expect(refused).toMatchObject({ input: 'bad', refused: 'refused' });
    expect(store.saved.get('alice')).toEqual([refused]);
    await queue.replay();
    expect(sent).toHaveLength(5); // a refusal is not resent
    expect(await queue.dismiss('bob', refused!.id)).toBe(false);
    expect(await queue.dismiss('alice', refused!.id)).toBe(true);
    expect(store.saved.has('alice')).toBe(false);

    const again = createMutationQueue({ store, tokenFor: async () => 'token-bob', send: async () => 'ok', classify: () => 'retry' });
    await again.replay(); // a new process finds bob's item on disk and sends it when bob is signed in
    expect(again.list('bob')).toEqual([]);
    expect(store.saved.size).toBe(0);
    queue.dispose();
  });
});

describe('queue store', () => {
  it('keeps a sealed file per user; a file it cannot open is skipped and kept; when sealing fails, nothing is written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'queue-store-'));
    let canSeal = true;
    const sealer = {
      seal: async (text: string) => {
        if (!canSeal) throw new Error('no OS secret store');
        return Buffer.from(text).reverse();
      },
      open: async (sealed: Buffer) => Buffer.from(sealed).reverse().toString(),
    };
    const logged: string[] = [];
    const store = createQueueStore({ dir: () => dir, sealer, log: (line) => logged.push(line) });
    const item = { id: 'k-1', userId: 'alice', orgId: null, path: 'notes.add', input: { when: new Date(5) }, queuedAt: 1 };
    await store.save('alice', [item]);
    await writeFile(join(dir, queueFileName('mallory')), 'not sealed by us');
    expect((await readdir(dir)).sort()).toEqual([queueFileName('alice'), queueFileName('mallory')].sort());
    expect(await store.load()).toEqual([item]); // Dates survive
    expect(logged).toEqual([expect.stringContaining('could not be opened')]);
    canSeal = false;
    await store.save('bob', [{ ...item, userId: 'bob' }]);
    expect(await readdir(dir)).not.toContain(queueFileName('bob'));
    expect(logged.at(-1)).toMatch(/kept until the app quits/);
    await store.save('alice', []);
    expect(await readdir(dir)).toEqual([queueFileName('mallory')]);
    expect(await createQueueStore({ dir: () => dir, sealer: null }).load()).toEqual([]);
    await rm(dir, { recursive: true, force: true });
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
      onChange: (reachable) => void (reachable && reachableCalls++),
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
  const remoteWith = (
    timers: ReturnType<typeof manualTimers>,
    probe: () => Promise<unknown>,
    sendQueued: (item: QueuedMutation, token: string) => Promise<unknown> = async () => 'sent',
  ) =>
    createOfflineRemote({
      backendUrl: 'http://b',
      probe,
      store: memoryStore(),
      sendQueued,
      identityOf: (token) => ({ userId: token.replace('fresh-', ''), orgId: null }),
      setTimeout: timers.setTimeout,
      clearTimeout: timers.clearTimeout,
    });

  it('tells a request that was never sent from one the backend answered, and a refusal from what may pass later', () => {
    expect(isNotSent(refused())).toBe(true);
    expect(isNotSent(new TRPCClientError('boom', { result: { error: { data: { code: 'SERVICE_UNAVAILABLE' } } } as any }))).toBe(
      false,
    );
    expect(isNotSent(new Error('x'))).toBe(false);
    const answered = (httpStatus: number) => new TRPCClientError('no', { result: { error: { data: { httpStatus } } } as any });
    expect([400, 403, 404, 409].map((status) => classify(answered(status)))).toEqual(['refused', 'refused', 'refused', 'refused']);
    expect([401, 429, 500, 503].map((status) => classify(answered(status)))).toEqual(['retry', 'retry', 'retry', 'retry']);
    expect(classify(refused())).toBe('unreachable');
    expect(classify(new TRPCClientError('fetch failed', { cause: new TypeError('other side closed') }))).toBe('retry');
  });

  it('answers queries from the same user’s last good result while unreachable; others get the error', async () => {
    const timers = manualTimers();
    const remote = remoteWith(timers, async () => {});
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
    const backend: Array<[unknown, string]> = [];
    const remote = remoteWith(
      timers,
      async () => {
        if (!up) throw refused();
      },
      async (item: QueuedMutation, token: string) => void backend.push([item.input, token]),
    );
    const add = async () => {
      if (!up) throw refused();
      return { text: 'direct' };
    };
    await expect(remote.mutation(caller('alice'), 'notes.add', 'x', add)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    let attempts = 0;
    await expect(remote.mutation(caller('alice'), 'notes.add', 'y', async () => void attempts++)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringContaining('cannot be reached'),
    });
    expect(attempts).toBe(0); // fast: not even tried while the backend is known to be gone

    expect(await remote.mutation(caller('alice'), 'notes.add', 'a', add, { queue: true })).toMatchObject({ queued: true });
    expect(await remote.mutation(caller('bob', 2), 'notes.add', 'b', add, { queue: true })).toMatchObject({ queued: true });
    expect(await remote.mutation(caller('alice'), 'notes.add', 'c', add, { queue: true })).toMatchObject({ queued: true });
    await expect(remote.mutation(caller(null), 'notes.add', 'n', add, { queue: true })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(remote.status('alice').queued).toHaveLength(2);
    remote.signedOut(['bob']); // bob's window no longer sends his changes: they wait for his next sign-in

    up = true;
    timers.fireAll(); // the probe succeeds
    await flush();
    await remote.queue.replay();
    expect(backend).toEqual([
      ['a', 'fresh-alice'],
      ['c', 'fresh-alice'],
    ]);
    expect(remote.status('alice')).toMatchObject({ reachable: true, queued: [], refused: [], replayed: [{}, {}] });
    expect(remote.status('bob').queued).toHaveLength(1);
    expect(timers.live()).toBe(0);
    remote.dispose();
  });
});

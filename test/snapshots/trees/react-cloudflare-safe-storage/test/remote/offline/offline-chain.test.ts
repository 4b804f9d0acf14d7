/**
 * The whole path offline: renderer link → IPC → main's handler → the offline layer
 * (src/main/remote/offline) → main's backend client → the REAL backend, which is stopped and
 * started again (on the same data) behind a fixed address, as a network that goes away and comes back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestBackend, type RunningBackend } from '../../../backend/test/helpers/start-backend';
import { connectBackend } from '../../../src/main/remote/backend';
import { toBackendError } from '../../../src/main/remote/backend-errors';
import {
  offlineMutation,
  offlineQuery,
  offlineRemote,
  offlineRouter,
  resetOfflineRemote,
} from '../../../src/main/remote/offline/offline-router';
import type { OfflineStatus } from '../../../src/main/remote/offline/offline-remote';
import { publicProcedure, router } from '../../../src/main/trpc/init';
import { createHarness } from '../../helpers/harness';
import { createSwitchboard, type Switchboard } from '../../helpers/switchboard';
import { createTestKey, TEST_AZP, type TestKey } from '../../helpers/keys';

/** The remote procedures written the way src/main/remote/remote-router.ts uses the offline layer. */
const toRenderer = publicProcedure.use(async ({ next, signal }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof TRPCClientError)
    throw toBackendError(result.error.cause, 'the backend', signal);
  return result;
});
const testRouter = router({
  offline: offlineRouter,
  notes: router({
    list: toRenderer.query(({ ctx, signal }) =>
      offlineQuery(ctx, 'notes.list', undefined, (backend) => backend.notes.list.query(undefined, { signal })),
    ),
    add: toRenderer
      .input((value: unknown) => value as { text: string })
      .mutation(({ ctx, input }) => offlineMutation(ctx, 'notes.add', input, (backend) => backend.notes.add.mutate(input))),
    addLater: toRenderer
      .input((value: unknown) => value as { text: string })
      .mutation(({ ctx, input }) =>
        offlineMutation(ctx, 'notes.add', input, (backend) => backend.notes.add.mutate(input), { queue: true }),
      ),
  }),
});

let key: TestKey;
let dataDir: string;
let backend: RunningBackend | null = null;
let board: Switchboard;
const vars = () => ({ CLERK_JWT_KEY: key.pem, CLERK_AUTHORIZED_PARTIES: TEST_AZP, CLOUDFLARE_CF_FETCH_ENABLED: 'false' });

async function backendUp(): Promise<void> {
  backend = await startTestBackend(vars(), { dataDir });
  await board.up(backend.url);
}
async function backendDown(): Promise<void> {
  await board.down();
  await backend?.stop();
  backend = null;
}

beforeAll(async () => {
  key = await createTestKey();
  dataDir = await mkdtemp(join(tmpdir(), 'offline-chain-'));
  board = await createSwitchboard();
  await backendUp();
  connectBackend({ backendUrl: board.url, timeoutMs: 10_000 });
}, 90_000);

afterAll(async () => {
  resetOfflineRemote();
  await backendDown();
  await rm(dataDir, { recursive: true, force: true });
});

function trpcError(error: unknown): { code?: string; message: string } {
  return error instanceof TRPCClientError
    ? { code: (error.data as { code?: string })?.code, message: error.message }
    : { message: String(error) };
}

describe('offline, with the real backend stopped and restarted', () => {
  it('stale queries, fast-failing and queued mutations, replay in order with a fresh token, and sign-out drops it all', async () => {
    resetOfflineRemote();
    const harness = await createHarness({ router: testRouter, key });
    const alice = await key.sign({ sub: 'user_offline_a', sid: 'sess_offline_a', expiresIn: 600 });
    const bob = await key.sign({ sub: 'user_offline_b', sid: 'sess_offline_b', expiresIn: 600 });
    const a = harness.openWindow({ getToken: async () => alice });
    const b = harness.openWindow({ getToken: async () => bob });
    const statuses: OfflineStatus[] = [];
    const watch = a.client.offline.status.subscribe(undefined, { onData: (status) => statuses.push(status) });

    await a.client.notes.add.mutate({ text: 'before' });
    expect((await a.client.notes.list.query()).map((note) => note.text)).toEqual(['before']);

    await backendDown();
    // Queries: alice's last good answer, marked stale through `offline.status`; bob has none.
    expect((await a.client.notes.list.query()).map((note) => note.text)).toEqual(['before']);
    expect(offlineRemote().reachability.reachable).toBe(false);
    expect(trpcError(await b.client.notes.list.query().catch((e: unknown) => e)).code).toBe('SERVICE_UNAVAILABLE');
    // Mutations: fail fast with a message, or wait in main when the procedure opts in.
    const refused = trpcError(await a.client.notes.add.mutate({ text: 'lost' }).catch((e: unknown) => e));
    expect(refused.code).toBe('SERVICE_UNAVAILABLE');
    expect(refused.message).toMatch(/cannot be reached/);
    expect(await a.client.notes.addLater.mutate({ text: 'first' })).toMatchObject({ queued: true });
    expect(await b.client.notes.addLater.mutate({ text: 'bob, dropped at sign-out' })).toMatchObject({ queued: true });
    expect(await a.client.notes.addLater.mutate({ text: 'second' })).toMatchObject({ queued: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statuses.at(-1)).toMatchObject({ reachable: false, queued: [{ path: 'notes.add' }, { path: 'notes.add' }] });
    offlineRemote().signedOut(['user_offline_b']); // what session-sync does when bob signs out

    await backendUp();
    // The probe finds the backend again (capped backoff) and the queue replays.
    await expect.poll(() => statuses.at(-1)?.replayed.length, { timeout: 15_000, interval: 100 }).toBe(2);
    expect(statuses.at(-1)).toMatchObject({ reachable: true, queued: [], replayed: [{ ok: true }, { ok: true }] });
    const texts = (await a.client.notes.list.query()).map((note) => note.text);
    expect([...texts].sort()).toEqual(['before', 'first', 'second']); // 'lost' was never sent
    // Replayed in order (newest first in the list): second was written after first.
    expect(texts.indexOf('second')).toBeLessThan(texts.indexOf('first'));
    expect(await b.client.notes.list.query()).toEqual([]);
    watch.unsubscribe();
    resetOfflineRemote();
  }, 90_000);
});

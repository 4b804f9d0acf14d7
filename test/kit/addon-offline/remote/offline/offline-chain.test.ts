/**
 * The whole path offline: renderer link → IPC → main's handler → `remote.*` forwarding → the
 * offline layer (src/kit/main/remote/offline.ts, as src/main/offline-policy.ts declares: `notes.list`
 * last good, `notes.add` queued, `notes.remove` not listed) → main's backend client → the REAL
 * backend, stopped and started again (on the same data) behind a fixed address, as a network that
 * goes away and comes back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestBackend, type RunningBackend } from '../../../backend/test/helpers/backend';
import '../../../src/main/offline-policy';
import { connectBackend } from '../../../src/kit/main/remote/backend';
import { forgetOfflineUsers, offlineState, resetOffline, type OfflineStatus } from '../../../src/kit/main/remote/offline';
import { createAppHarness } from '../../helpers/live-backend';
import { createSwitchboard, type Switchboard } from '../../helpers/switchboard';
import { createTestKey, TEST_AZP, type TestKey } from '../../helpers/keys';

let key: TestKey;
let dataDir: string;
const useTemporaryQueue = () => resetOffline({ dir: () => join(dataDir, 'offline-queue'), sealer: null });
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
  resetOffline();
  await backendDown();
  await rm(dataDir, { recursive: true, force: true });
});

function trpcError(error: unknown): { code?: string; message: string } {
  return error instanceof TRPCClientError
    ? { code: (error.data as { code?: string })?.code, message: error.message }
    : { message: String(error) };
}

describe('offline, with the real backend stopped and restarted', () => {
  it('stale queries, fast-failing and queued mutations as the policy says, replay in order with a fresh token, sign-out keeps them for later', async () => {
    useTemporaryQueue();
    const harness = await createAppHarness({ key });
    const alice = await key.sign({ sub: 'user_offline_a', sid: 'sess_offline_a', expiresIn: 600 });
    const bob = await key.sign({ sub: 'user_offline_b', sid: 'sess_offline_b', expiresIn: 600 });
    const a = harness.openWindow({ getToken: async () => alice });
    const b = harness.openWindow({ getToken: async () => bob });
    const statuses: OfflineStatus[] = [];
    const watch = a.client.offline.status.subscribe(undefined, { onData: (status) => statuses.push(status) });

    const kept = await a.client.remote.notes.add.mutate({ text: 'before' });
    if ('queued' in kept) throw new Error('the backend is up: nothing should wait');
    expect((await a.client.remote.notes.list.query()).map((note) => note.text)).toEqual(['before']);

    await backendDown();
    // Queries: alice's last good answer, marked stale through `offline.status`; bob has none.
    expect((await a.client.remote.notes.list.query()).map((note) => note.text)).toEqual(['before']);
    expect(offlineState().reachability.reachable).toBe(false);
    expect(trpcError(await b.client.remote.notes.list.query().catch((e: unknown) => e)).code).toBe('SERVICE_UNAVAILABLE');
    // Mutations: an unlisted one fails fast with a message; a queued one waits in main.
    const refused = trpcError(await a.client.remote.notes.remove.mutate({ id: kept.id }).catch((e: unknown) => e));
    expect(refused.code).toBe('SERVICE_UNAVAILABLE');
    expect(refused.message).toMatch(/cannot be reached/);
    expect(await a.client.remote.notes.add.mutate({ text: 'first' })).toMatchObject({ queued: true });
    expect(await b.client.remote.notes.add.mutate({ text: 'bob, kept for his next sign-in' })).toMatchObject({ queued: true });
    expect(await a.client.remote.notes.add.mutate({ text: 'second' })).toMatchObject({ queued: true });
    await expect.poll(() => statuses.at(-1)?.queued.length).toBe(2);
    expect(statuses.at(-1)).toMatchObject({ reachable: false, queued: [{ path: 'notes.add' }, { path: 'notes.add' }] });
    expect(statuses.at(-1)?.details.join(' ')).toMatch(/stale.*2 changes waiting/);
    forgetOfflineUsers(['user_offline_b']); // what session-sync does when bob signs out: his window no longer sends his

    await backendUp();
    // The probe finds the backend again (capped backoff) and the queue replays.
    await expect.poll(() => statuses.at(-1)?.replayed.length, { timeout: 15_000, interval: 100 }).toBe(2);
    expect(statuses.at(-1)).toMatchObject({ reachable: true, queued: [], refused: [], replayed: [{ path: 'notes.add' }, { path: 'notes.add' }] });
    const texts = (await a.client.remote.notes.list.query()).map((note) => note.text);
    expect([...texts].sort()).toEqual(['before', 'first', 'second']); // the removal was never sent
    // Replayed in order (newest first in the list): second was written after first.
    expect(texts.indexOf('second')).toBeLessThan(texts.indexOf('first'));
    expect(offlineState().status('user_offline_b').queued).toHaveLength(1);
    watch.unsubscribe();
    resetOffline();
  }, 90_000);
});

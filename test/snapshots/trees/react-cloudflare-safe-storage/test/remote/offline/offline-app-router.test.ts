/**
 * The app's own `remote.*` procedures offline (src/main/remote/remote-router.ts wired to
 * src/main/remote/offline): the real backend stopped behind a fixed address and started again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestBackend, type RunningBackend } from '../../../backend/test/helpers/start-backend';
import { connectBackend } from '../../../src/main/remote/backend';
import { resetOfflineRemote } from '../../../src/main/remote/offline/offline-router';
import type { OfflineStatus } from '../../../src/main/remote/offline/offline-remote';
import { appRouter } from '../../../src/main/trpc/router';
import { createHarness } from '../../helpers/harness';
import { createTestKey, TEST_AZP, type TestKey } from '../../helpers/keys';
import { createSwitchboard, type Switchboard } from '../../helpers/switchboard';

let key: TestKey;
let dataDir: string;
let backend: RunningBackend | null = null;
let board: Switchboard;

async function backendUp(): Promise<void> {
  backend = await startTestBackend({ CLERK_JWT_KEY: key.pem, CLERK_AUTHORIZED_PARTIES: TEST_AZP }, { dataDir });
  await board.up(backend.url);
}
async function backendDown(): Promise<void> {
  await board.down();
  await backend?.stop();
  backend = null;
}

beforeAll(async () => {
  key = await createTestKey();
  dataDir = await mkdtemp(join(tmpdir(), 'offline-app-'));
  board = await createSwitchboard();
  await backendUp();
}, 90_000);

afterAll(async () => {
  resetOfflineRemote();
  await backendDown();
  await rm(dataDir, { recursive: true, force: true });
});

const code = (error: unknown) => (error instanceof TRPCClientError ? (error.data as { code?: string })?.code : String(error));

describe("the app's remote procedures offline", () => {
  it('notes.list answers stale, notes.add fails fast, notes.addLater waits and is sent once the backend is back', async () => {
    resetOfflineRemote();
    connectBackend({ backendUrl: board.url, timeoutMs: 10_000 });
    const harness = await createHarness({ router: appRouter, key });
    const token = await key.sign({ sub: 'user_app_offline', sid: 'sess_app_offline', expiresIn: 600 });
    const { client } = harness.openWindow({ getToken: async () => token });
    const statuses: OfflineStatus[] = [];
    const watch = client.offline.status.subscribe(undefined, { onData: (status) => statuses.push(status) });

    await client.remote.notes.add.mutate({ text: 'online' });
    const before = await client.remote.notes.list.query();
    expect(before.map((note) => note.text)).toEqual(['online']);

    await backendDown();
    expect(await client.remote.notes.list.query()).toEqual(before);
    expect(code(await client.remote.notes.add.mutate({ text: 'refused' }).catch((e: unknown) => e))).toBe('SERVICE_UNAVAILABLE');
    expect(await client.remote.notes.addLater.mutate({ text: 'later' })).toMatchObject({ queued: true });
    await expect.poll(() => statuses.at(-1)?.queued.length).toBe(1);
    expect(statuses.at(-1)?.reachable).toBe(false);

    await backendUp();
    await expect.poll(() => statuses.at(-1)?.replayed.length, { timeout: 15_000, interval: 100 }).toBe(1);
    expect(statuses.at(-1)).toMatchObject({ reachable: true, queued: [], replayed: [{ ok: true }] });
    expect((await client.remote.notes.list.query()).map((note) => note.text).sort()).toEqual(['later', 'online']);
    watch.unsubscribe();
  }, 90_000);
});

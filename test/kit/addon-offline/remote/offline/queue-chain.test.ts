/**
 * Queued changes through the whole path (renderer link → IPC → main → the REAL backend behind a
 * switchboard that can take it away): kept on disk per user and sealed as the sign-in is, sent only
 * with a token of the user and organization that queued them, exactly once in effect (Idempotency-Key)
 * when main restarts, the backend restarts or a token expires mid-replay, and refusals kept for the
 * user to see and dismiss. "Restarting main" drops every in-memory object and builds them again from disk.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestBackend, type RunningBackend } from '../../../backend/test/helpers/backend';
import '../../../src/main/offline-policy';
import { connectBackend } from '../../../src/kit/main/remote/backend';
import { forgetOfflineUsers, offlineState, resetOffline } from '../../../src/kit/main/remote/offline';
import * as sealers from '../../../src/kit/main/remote/offline/queue-sealer';
import { createAppHarness, type AppHarness } from '../../helpers/live-backend';
import { createSwitchboard, type Switchboard } from '../../helpers/switchboard';
import { createTestKey, TEST_AZP, type TestKey } from '../../helpers/keys';

const appRoot = fileURLToPath(new URL('../../../', import.meta.url));
const storage = existsSync(join(appRoot, 'src/kit/main/storage/keychain-token-storage.ts'))
  ? 'keychain'
  : existsSync(join(appRoot, 'src/kit/main/storage/memory-storage.ts'))
    ? 'memory'
    : 'safe-storage';
const persists = storage !== 'memory';

/** This app's sealer over a stand-in for the OS (safeStorage or the credential store). */
async function appSealer(): Promise<sealers.QueueSealer | null> {
  const exported = sealers as Record<string, any>;
  if (storage === 'safe-storage') {
    const cipherModule = '../../../src/kit/main/storage/token-storage';
    const { createSafeStorageCipher } = await import(/* @vite-ignore */ cipherModule);
    const hide = (text: string) => Buffer.from(`os:${Buffer.from(text).reverse().toString('base64')}`);
    const reveal = (data: Buffer) => Buffer.from(data.toString().slice(3), 'base64').reverse().toString();
    const fakeSafeStorage = {
      isEncryptionAvailable: () => true,
      isAsyncEncryptionAvailable: async () => false,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: hide,
      decryptString: reveal,
    };
    return exported.sealerFromCipher(createSafeStorageCipher(fakeSafeStorage, 'linux'));
  }
  if (storage === 'keychain') {
    const credentials = new Map<string, string>();
    const open = (service: string, account: string) => ({
      getPassword: async () => credentials.get(`${service}/${account}`) ?? null,
      setPassword: async (value: string) => void credentials.set(`${service}/${account}`, value),
      deletePassword: async () => credentials.delete(`${service}/${account}`),
    });
    return exported.sealerFromKeychain(async () => open, 'com.example.test');
  }
  return sealers.createQueueSealer();
}

let key: TestKey;
let dataDir: string;
let queueDir: string;
let sealer: sealers.QueueSealer | null;
let backend: RunningBackend | null = null;
let board: Switchboard;
let harness: AppHarness;
const vars = () => ({ CLERK_JWT_KEY: key.pem, CLERK_AUTHORIZED_PARTIES: TEST_AZP, CLOUDFLARE_CF_FETCH_ENABLED: 'false' });

/** Every replayed request as it left main, and a hook to meddle with the next ones. */
const replays: Array<{ authorization: string | null; key: string | null; text: string }> = [];
let meddle: ((input: RequestInfo | URL, init: RequestInit | undefined) => Promise<Response>) | null = null;
const replayFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  const text = /"text":"([^"]*)"/.exec(String(init?.body))?.[1] ?? '';
  replays.push({ authorization: headers.get('authorization'), key: headers.get('idempotency-key'), text });
  return meddle ? meddle(input, init) : fetch(input, init);
};

async function backendUp(): Promise<void> {
  backend = await startTestBackend(vars(), { dataDir });
  await board.up(backend.url);
}
async function backendDown(): Promise<void> {
  await board.down();
  await backend?.stop();
  backend = null;
}

/** A new main process: nothing kept in memory, the same folder on disk. */
function restartMain(): void {
  resetOffline({ dir: () => queueDir, sealer, fetch: replayFetch, retryDelayMs: () => 20, backoffMs: () => 50 });
}

beforeAll(async () => {
  key = await createTestKey();
  dataDir = await mkdtemp(join(tmpdir(), 'queue-chain-data-'));
  queueDir = join(await mkdtemp(join(tmpdir(), 'queue-chain-user-')), 'offline-queue');
  sealer = await appSealer();
  board = await createSwitchboard();
  await backendUp();
  connectBackend({ backendUrl: board.url, timeoutMs: 10_000 });
  harness = await createAppHarness({ key });
}, 90_000);

afterAll(async () => {
  resetOffline();
  await backendDown();
  await rm(dataDir, { recursive: true, force: true });
  await rm(join(queueDir, '..'), { recursive: true, force: true });
});

/** In an organization, as a member allowed to write its notes (`org:notes:write`, session token v2). */
const token = (sub: string, orgId?: string) =>
  key.sign({
    sub,
    sid: `sess_${sub}`,
    expiresIn: 600,
    ...(orgId && { v: 2, fea: 'o:notes', o: { id: orgId, rol: 'admin', slg: orgId, per: 'write', fpm: '1' } }),
  });

/** A window whose signed-in identity the test changes, as Clerk would after a switch. */
async function windowAs(sub: string, orgId?: string) {
  let current: string | null = await token(sub, orgId);
  const window = harness.openWindow({ getToken: async () => current });
  return {
    client: window.client,
    async switchTo(nextSub: string | null, nextOrg?: string) {
      current = nextSub === null ? null : await token(nextSub, nextOrg);
    },
  };
}
type Window = Awaited<ReturnType<typeof windowAs>>;

const texts = async (window: Window) => (await window.client.remote.notes.list.query()).map((note) => note.text);
const count = (list: string[], text: string) => list.filter((each) => each === text).length;
const waitingFor = (userId: string) => offlineState().status(userId).queued.length;
const claimsOf = (authorization: string | null) =>
  JSON.parse(Buffer.from(authorization!.split('.')[1]!, 'base64url').toString()) as { sub: string; o?: { id: string } };

async function queueWhileDown(window: Window, ...notes: string[]): Promise<void> {
  for (const text of notes) expect(await window.client.remote.notes.add.mutate({ text })).toMatchObject({ queued: true });
}

describe('queued changes with the real backend', () => {
  it("are sent only with a token of the user and organization that queued them; another user's wait, also across a sign-out", async () => {
    restartMain();
    replays.length = 0;
    const window = await windowAs('user_q_alice');
    await window.client.remote.notes.list.query();
    await backendDown();
    await queueWhileDown(window, 'alice personal');
    await window.switchTo('user_q_alice', 'org_q');
    await queueWhileDown(window, 'alice in org');
    forgetOfflineUsers(['user_q_alice']); // she signs out; bob signs in, in the same window
    await window.switchTo('user_q_bob');
    await backendUp();
    expect(await texts(window)).toEqual([]); // bob's call finds the backend: replay runs, nothing of alice's goes
    await offlineState().queue.replay();
    expect(replays).toEqual([]);
    expect(offlineState().status('user_q_bob')).toMatchObject({ queued: [], refused: [] });
    expect(waitingFor('user_q_alice')).toBe(2);

    await window.switchTo('user_q_alice', 'org_q'); // back, in her organization: only that change goes
    await window.client.remote.me.query();
    await expect.poll(() => waitingFor('user_q_alice')).toBe(1);
    expect(count(await texts(window), 'alice in org')).toBe(1);
    await window.switchTo('user_q_alice');
    await window.client.remote.me.query();
    await expect.poll(() => waitingFor('user_q_alice')).toBe(0);
    expect(count(await texts(window), 'alice personal')).toBe(1);
    expect(replays.map((sent) => [sent.text, claimsOf(sent.authorization).sub, claimsOf(sent.authorization).o?.id])).toEqual([
      ['alice in org', 'user_q_alice', 'org_q'],
      ['alice personal', 'user_q_alice', undefined],
    ]);
    expect(new Set(replays.map((sent) => sent.key)).size).toBe(2);
  }, 60_000);

  it("check the fresh token's user before sending: a window whose token is now another user's sends nothing", async () => {
    restartMain();
    replays.length = 0;
    await backendDown();
    // Short-lived (under main's 15 s margin): main asks the renderer for a fresh token before using it.
    let current: string | null = await key.sign({ sub: 'user_q_hal', sid: 'sess_user_q_hal', expiresIn: 14 });
    const window = harness.openWindow({ getToken: async () => current });
    expect(await window.client.remote.notes.add.mutate({ text: 'hal only' })).toMatchObject({ queued: true });
    current = await token('user_q_ivy'); // the renderer now answers with another user's token
    await backendUp();
    await offlineState().queue.replay();
    expect(replays).toEqual([]);
    expect(waitingFor('user_q_hal')).toBe(1);
    current = await token('user_q_hal'); // hal is back: his change goes
    await window.client.remote.me.query();
    await expect.poll(() => waitingFor('user_q_hal')).toBe(0);
    expect(replays.map((sent) => [sent.text, claimsOf(sent.authorization).sub])).toEqual([['hal only', 'user_q_hal']]);
  }, 60_000);

  it.runIf(persists)('outlive main killed mid-replay: a new main sends the rest and the interrupted one takes effect once', async () => {
    restartMain();
    replays.length = 0;
    const window = await windowAs('user_q_carol');
    await window.client.remote.notes.list.query();
    await backendDown();
    await queueWhileDown(window, 'carol 1', 'carol 2', 'carol 3');
    let reached!: () => void;
    const hung = new Promise<void>((resolve) => (reached = resolve));
    meddle = async (input, init) => {
      await fetch(input, init); // the backend applies it…
      reached();
      return new Promise<Response>(() => {}); // …and main dies before it hears back
    };
    await backendUp();
    await window.client.remote.me.query();
    await hung;
    meddle = null;
    restartMain();
    await window.client.remote.notes.list.query(); // the window's next call replays what the new main finds on disk
    await expect.poll(() => offlineState().status('user_q_carol').replayed.length).toBe(3);
    expect(await texts(window)).toEqual(['carol 3', 'carol 2', 'carol 1']); // each once, in order
    expect(replays.filter((sent) => sent.text === 'carol 1')).toHaveLength(2); // resent, same key
    expect(new Set(replays.filter((sent) => sent.text === 'carol 1').map((sent) => sent.key)).size).toBe(1);
    expect(await readdir(queueDir).catch(() => [])).toEqual([]);
  }, 60_000);

  it('take effect once when the backend restarts mid-replay and its answer is lost', async () => {
    restartMain();
    replays.length = 0;
    const window = await windowAs('user_q_dave');
    await window.client.remote.notes.list.query();
    await backendDown();
    await queueWhileDown(window, 'dave 1', 'dave 2');
    let restarted!: () => void;
    const down = new Promise<void>((resolve) => (restarted = resolve));
    meddle = async (input, init) => {
      meddle = null;
      await fetch(input, init); // applied, then the backend goes away before main reads the answer
      await backendDown();
      restarted();
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    };
    await backendUp();
    await window.client.remote.me.query();
    await down;
    await backendUp();
    await expect.poll(() => waitingFor('user_q_dave'), { timeout: 20_000 }).toBe(0);
    expect(await texts(window)).toEqual(['dave 2', 'dave 1']);
    expect(offlineState().status('user_q_dave').refused).toEqual([]);
  }, 60_000);

  it('take effect once when the token expires mid-replay: retried with a fresh one', async () => {
    restartMain();
    replays.length = 0;
    const window = await windowAs('user_q_erin');
    await window.client.remote.notes.list.query();
    await backendDown();
    await queueWhileDown(window, 'erin 1', 'erin 2');
    const expired = await key.sign({ sub: 'user_q_erin', sid: 'sess_user_q_erin', expiresIn: -60 });
    meddle = async (input, init) => {
      if (!String(init?.body).includes('erin 2')) return fetch(input, init);
      meddle = null;
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${expired}`); // the backend refuses it for real: 401
      return fetch(input, { ...init, headers });
    };
    await backendUp();
    await window.client.remote.me.query();
    await expect.poll(() => waitingFor('user_q_erin'), { timeout: 20_000 }).toBe(0);
    expect(await texts(window)).toEqual(['erin 2', 'erin 1']);
    expect(replays.map((sent) => sent.text)).toEqual(['erin 1', 'erin 2', 'erin 2']);
    expect(offlineState().status('user_q_erin').refused).toEqual([]);
  }, 60_000);

  it('keep a refused change, never resent, listed for the user across a restart until dismissed', async () => {
    restartMain();
    replays.length = 0;
    const window = await windowAs('user_q_fay');
    await window.client.remote.notes.list.query();
    await backendDown();
    await queueWhileDown(window, 'x'.repeat(501), 'fay fine');
    await backendUp();
    await window.client.remote.me.query();
    await expect.poll(() => waitingFor('user_q_fay')).toBe(0);
    expect(await texts(window)).toEqual(['fay fine']);
    if (persists) restartMain();
    await window.client.remote.me.query();
    await expect.poll(() => offlineState().status('user_q_fay').refused.length).toBe(1);
    const status = offlineState().status('user_q_fay');
    expect(status.refused[0]).toMatchObject({ path: 'notes.add', message: expect.stringContaining('500 characters') });
    expect(replays.filter((sent) => sent.text.startsWith('xxx'))).toHaveLength(1);
    expect(await window.client.offline.dismiss.mutate({ id: status.refused[0]!.id })).toEqual({ dismissed: true });
    expect(offlineState().status('user_q_fay').refused).toEqual([]);
  }, 60_000);

  it(`are kept on disk ${persists ? 'sealed, owner-only' : 'not at all (memory token storage)'}`, async () => {
    restartMain();
    const window = await windowAs('user_q_gus');
    await window.client.remote.notes.list.query();
    await backendDown();
    await queueWhileDown(window, 'gus secret words');
    const files = await readdir(queueDir).catch(() => []);
    if (!persists) {
      expect(files).toEqual([]);
    } else {
      expect(files).toHaveLength(1);
      const bytes = await readFile(join(queueDir, files[0]!));
      expect(bytes.toString('latin1')).not.toContain('gus secret');
      expect(bytes.toString('latin1')).not.toContain('user_q_gus');
      if (process.platform !== 'win32') {
        expect((await stat(join(queueDir, files[0]!))).mode & 0o777).toBe(0o600);
        expect((await stat(queueDir)).mode & 0o777).toBe(0o700);
      }
    }
    await backendUp();
    await window.client.remote.me.query();
    await expect.poll(() => waitingFor('user_q_gus')).toBe(0);
    expect(await texts(window)).toEqual(['gus secret words']);
  }, 60_000);
});

/**
 * The whole path of a remote call, offline: renderer link → in-memory IPC → main's handler →
 * main's remote client → the real backend (backend/test/helpers/backend.ts) verifying
 * the Clerk session token with CLERK_JWT_KEY → and back.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backendForWindow, connectBackend, guardedFetch, type BackendClients } from '../../src/kit/main/remote/backend';
import { resetOffline, type OfflineStatus } from '../../src/kit/main/remote/offline';
import { createSwitchboard } from '../helpers/switchboard';
import { type AppHarness, createAppHarness, useLiveBackend } from '../helpers/live-backend';

const live = useLiveBackend();
/** Authorization header of each HTTP request main sent to the backend, in order. */
let sent: Array<string | null>;

const recordingFetch: typeof fetch = (input, init) => {
  sent.push(new Headers(init?.headers).get('authorization'));
  return fetch(input, init);
};

beforeEach(() => {
  sent = [];
  connectBackend({ backendUrl: live.backend.url, fetch: recordingFetch });
});

function trpcCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
}

type Harness = AppHarness;

async function signedInWindow(harness: Harness, sub: string) {
  const token = await live.key.sign({ sub, sid: `sess_${sub}` });
  return { token, ...harness.openWindow({ getToken: async () => token }) };
}

describe('remote procedures through main', () => {
  it('two windows signed in as two users each get their own identity, in separate requests', async () => {
    const harness = await createAppHarness({ key: live.key });
    const alice = await signedInWindow(harness, 'user_alice');
    const bob = await signedInWindow(harness, 'user_bob');

    const [aliceMe, bobMe, aliceAgain, bobAgain] = await Promise.all([
      alice.client.remote.me.query(),
      bob.client.remote.me.query(),
      alice.client.remote.me.query(),
      bob.client.remote.me.query(),
    ]);

    expect(aliceMe).toEqual({ userId: 'user_alice', sessionId: 'sess_user_alice' });
    expect(bobMe).toEqual({ userId: 'user_bob', sessionId: 'sess_user_bob' });
    expect(aliceAgain).toEqual(aliceMe);
    expect(bobAgain).toEqual(bobMe);
    // Every request carried exactly one of the two tokens, and each window's token was sent.
    expect(sent.every((header) => header === `Bearer ${alice.token}` || header === `Bearer ${bob.token}`)).toBe(true);
    expect(new Set(sent)).toEqual(new Set([`Bearer ${alice.token}`, `Bearer ${bob.token}`]));
  });

  it('batches concurrent calls of one window into one request', async () => {
    const harness = await createAppHarness({ key: live.key });
    const alice = await signedInWindow(harness, 'user_batch');
    // Calls that reach main in the same tick share one HTTP request.
    const [me, notes, health] = await Promise.all([
      alice.client.remote.me.query(),
      alice.client.remote.notes.list.query(),
      alice.client.remote.health.query(),
    ]);
    expect(me.userId).toBe('user_batch');
    expect(notes).toEqual([]);
    expect(health.status).toBe('ok');
    expect(sent.length).toBeLessThan(3);
    expect(sent.every((header) => header === `Bearer ${alice.token}`)).toBe(true);
  });

  it('keeps per-user data apart and brings Dates back as Dates', async () => {
    const harness = await createAppHarness({ key: live.key });
    const alice = await signedInWindow(harness, 'user_notes_a');
    const bob = await signedInWindow(harness, 'user_notes_b');
    await alice.client.remote.notes.add.mutate({ text: 'only for alice' });
    const notes = await alice.client.remote.notes.list.query();
    expect(notes.map((n) => n.text)).toEqual(['only for alice']);
    expect(notes[0]?.createdAt).toBeInstanceOf(Date);
    expect(await bob.client.remote.notes.list.query()).toEqual([]);
    expect(trpcCode(await alice.client.remote.notes.add.mutate({ text: '' }).catch((e: unknown) => e))).toBe('BAD_REQUEST');
  });

  it('signed out: public remote calls work, protected ones answer UNAUTHORIZED from the backend', async () => {
    const harness = await createAppHarness({ key: live.key });
    const { client } = harness.openWindow({ getToken: async () => null });
    expect((await client.remote.health.query()).time).toBeInstanceOf(Date);
    expect(trpcCode(await client.remote.me.query().catch((e: unknown) => e))).toBe('UNAUTHORIZED');
    expect(sent.every((header) => header === null)).toBe(true);
  });

  it('an expired token is refused by the backend as UNAUTHORIZED', async () => {
    const harness = await createAppHarness({ key: live.key });
    const expired = await live.key.sign({ sub: 'user_late', expiresIn: -120 });
    const { client } = harness.openWindow({ getToken: async () => expired });
    expect(trpcCode(await client.remote.me.query().catch((e: unknown) => e))).toBe('UNAUTHORIZED');
  });

  it('work main starts itself uses a fresh token of that window', async () => {
    const harness = await createAppHarness({ key: live.key });
    const carol = await signedInWindow(harness, 'user_carol');
    await carol.client.app.info.query(); // the window has talked to main once
    const remote = await backendForWindow(carol.win.webContents.id, harness.registration.getFreshToken);
    expect(await remote.me.query()).toEqual({ userId: 'user_carol', sessionId: 'sess_user_carol' });
  });
});

describe("a window's batching link to the backend", () => {
  /** Windows holding a link when each request went out. */
  let linksAtRequest: number[][];
  /** While set, requests wait until their signal aborts, and `requested` / `aborted` report them. */
  let hold: { requested: () => void; aborted: () => void } | null;
  let clients: BackendClients;

  const observingFetch: typeof fetch = (input, init) => {
    linksAtRequest.push(clients.windowsWithLinks());
    if (!hold) return fetch(input, init);
    const { requested, aborted } = hold;
    requested();
    return new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => {
        reject(init.signal?.reason);
        aborted();
      });
    });
  };

  beforeEach(() => {
    linksAtRequest = [];
    hold = null;
    clients = connectBackend({ backendUrl: live.backend.url, fetch: observingFetch });
  });

  it('lives only while the window has calls in flight', async () => {
    const harness = await createAppHarness({ key: live.key });
    const alice = await signedInWindow(harness, 'user_link');
    await Promise.all([alice.client.remote.me.query(), alice.client.remote.notes.list.query()]);
    // One batch, or two when the calls reach main on different ticks: each request sees this window's link alone.
    expect([1, 2]).toContain(linksAtRequest.length);
    for (const links of linksAtRequest) expect(links).toEqual([alice.win.webContents.id]);
    expect(clients.windowsWithLinks()).toEqual([]);
  });

  it('is released when the window is closed mid-call, and a new window gets a fresh one', async () => {
    const harness = await createAppHarness({ key: live.key });
    const closing = await signedInWindow(harness, 'user_closing');
    let requested!: () => void;
    let aborted!: () => void;
    const requestSent = new Promise<void>((resolve) => (requested = resolve));
    const requestAborted = new Promise<void>((resolve) => (aborted = resolve));
    hold = { requested, aborted };

    void closing.client.remote.me.query().catch(() => {}); // its renderer is gone: it never settles
    await requestSent;
    expect(clients.windowsWithLinks()).toEqual([closing.win.webContents.id]);
    closing.win.destroy(); // main aborts the window's calls (src/kit/ipc/main/handler.ts)
    await requestAborted;
    await new Promise((resolve) => setImmediate(resolve)); // let the aborted call unwind
    expect(clients.windowsWithLinks()).toEqual([]);

    hold = null;
    const next = await signedInWindow(harness, 'user_next');
    expect(await next.client.remote.me.query()).toEqual({ userId: 'user_next', sessionId: 'sess_user_next' });
    expect(linksAtRequest.at(-1)).toEqual([next.win.webContents.id]);
    expect(clients.windowsWithLinks()).toEqual([]);
  });
});

describe('when the backend is unreachable or slow', () => {
  let silent: Server;
  let silentUrl: string;

  beforeAll(async () => {
    // Accepts connections and never answers.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('gives SERVICE_UNAVAILABLE for a backend that is not running', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    connectBackend({ backendUrl: `http://127.0.0.1:${port}` });

    const harness = await createAppHarness({ key: live.key });
    const { client } = await signedInWindow(harness, 'user_offline');
    const error = await client.remote.me.query().catch((e: unknown) => e);
    expect(trpcCode(error)).toBe('SERVICE_UNAVAILABLE');
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
  });

  it('offline.status says the backend is unreachable, and reachable again once its probe answers', async () => {
    resetOffline();
    const board = await createSwitchboard();
    await board.up(live.backend.url);
    connectBackend({ backendUrl: board.url });
    const harness = await createAppHarness({ key: live.key });
    // Signed out: nothing of a user's is kept, whatever main does offline.
    const { client } = harness.openWindow({ getToken: async () => null });
    const statuses: OfflineStatus[] = [];
    const watch = client.offline.status.subscribe(undefined, { onData: (status) => statuses.push(status) });
    try {
      expect((await client.remote.health.query()).status).toBe('ok');
      await board.down();
      expect(trpcCode(await client.remote.health.query().catch((e: unknown) => e))).toBe('SERVICE_UNAVAILABLE');
      await expect.poll(() => statuses.at(-1)?.reachable).toBe(false);
      expect(statuses.at(-1)?.since).toEqual(expect.any(Number));
      await board.up(live.backend.url);
      await expect.poll(() => statuses.at(-1), { timeout: 10_000 }).toMatchObject({ reachable: true, since: null, details: [] });
    } finally {
      watch.unsubscribe();
      await board.down();
      resetOffline();
    }
  }, 30_000);

  it('gives GATEWAY_TIMEOUT when the backend does not answer in time', async () => {
    connectBackend({ backendUrl: silentUrl, timeoutMs: 200 });
    const harness = await createAppHarness({ key: live.key });
    const { client } = await signedInWindow(harness, 'user_waiting');
    expect(trpcCode(await client.remote.me.query().catch((e: unknown) => e))).toBe('GATEWAY_TIMEOUT');
  });
});

describe('the token stays with BACKEND_URL', () => {
  it('refuses requests to another origin and does not follow redirects', async () => {
    const elsewhere: IncomingHttpHeaders[] = [];
    const other = createServer((req, res) => {
      elsewhere.push(req.headers);
      res.end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const redirecting = createServer((req, res) => {
      res.writeHead(307, { location: `${otherUrl}${req.url ?? '/'}` }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const redirectingUrl = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;

    try {
      const guarded = guardedFetch(redirectingUrl, 5000);
      await expect(guarded(`${otherUrl}/trpc/me`, { headers: { authorization: 'Bearer x' } })).rejects.toThrow(/Refusing/);

      connectBackend({ backendUrl: redirectingUrl });
      const harness = await createAppHarness({ key: live.key });
      const { client } = await signedInWindow(harness, 'user_redirected');
      expect(trpcCode(await client.remote.me.query().catch((e: unknown) => e))).toBe('SERVICE_UNAVAILABLE');
      expect(elsewhere).toEqual([]);
    } finally {
      await Promise.all([other, redirecting].map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});

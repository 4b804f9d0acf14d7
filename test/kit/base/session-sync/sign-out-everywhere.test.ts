/**
 * Sign-in and sign-out in one window reach every window (src/kit/main/session-sync), over the real IPC
 * handler, glue, preload bridge and renderer link with the fake IPC pair.
 */
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';

import { createSessionVerifier } from '../../src/kit/main/auth/verify-session';
import { CLERK_CLEAR_TOKEN_CHANNEL, createRevocableVerifier, createSessionSync, withoutRevokedTokens } from '../../src/kit/main/session-sync';
import { withOriginCheckedHandlers } from '../../src/kit/main/security/enforce';
import { createIpcBridge } from '../../src/kit/ipc/protocol';
import { followSessionChanges } from '../../src/kit/ipc/renderer/link';
import { createHarness, TEST_PUBLISHABLE_KEY } from '../helpers/harness';
import { APP_ORIGIN, type FakeWindow } from '../helpers/fake-ipc';
import { createJwksFetch, createTestKey } from '../helpers/keys';
import { createTestRouter } from '../helpers/test-router';

const sharedKey = createTestKey();

async function flushIpc(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

function trpcCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
}

async function setup() {
  const key = await sharedKey;
  const { router } = createTestRouter();
  const verifier = createRevocableVerifier(
    createSessionVerifier({
      publishableKey: TEST_PUBLISHABLE_KEY,
      fetch: createJwksFetch(() => [key.jwk]).fetch,
      authorizedParties: [APP_ORIGIN],
    }),
  );
  const signedOut: string[][] = [];
  const sync = createSessionSync({ onSignedOut: ({ sessionIds }) => signedOut.push(sessionIds) });
  const harness = await createHarness({
    router,
    key,
    verifier,
    onIdentityChange: sync.identityChanged,
    wrapContext: (createContext) => withoutRevokedTokens(createContext, verifier),
  });
  sync.attach({
    forgetTokens: harness.registration.forgetTokens,
    broadcast: harness.registration.broadcast,
    revoke: (ids) => verifier.revoke(ids),
  });

  /** A window whose page follows session changes as the framework UIs do; `reloads` counts their reloads. */
  function page(initial: () => Promise<string | null>, userId: () => string | null, orgId: () => string | null = () => null) {
    let getToken = initial;
    const opened = harness.openWindow({ getToken: () => getToken() });
    const reloads: number[] = [];
    const idOf = (id: string | null) => (id === null ? null : { id });
    const shown = {
      // `userId` answering undefined stands for a page whose Clerk is still loading.
      get loaded() {
        return userId() !== undefined;
      },
      get user() {
        return idOf(userId());
      },
      get organization() {
        return idOf(orgId());
      },
    };
    const stop = followSessionChanges(shown, () => reloads.push(Date.now()), createIpcBridge(opened.win.ipcRenderer));
    return { ...opened, reloads, stop, setGetToken: (next: () => Promise<string | null>) => (getToken = next) };
  }
  return { key, harness, sync, verifier, signedOut, page };
}

const id = (win: FakeWindow): number => win.webContents.id;

describe('sign-out in one window', () => {
  it('reaches every window, main forgets every token, and no stale session token opens a protected call', async () => {
    const { key, harness, page, signedOut, verifier } = await setup();
    const token = await key.sign({ sub: 'user_a', sid: 'sess_a' });
    let user: string | null = 'user_a';
    const signedInPage = () =>
      page(
        async () => token,
        () => user,
      );
    const [a, b, c] = [signedInPage(), signedInPage(), signedInPage()];
    for (const w of [a, b, c]) expect(await w.client.secret.query()).toEqual({ userId: 'user_a', sessionId: 'sess_a' });

    // Window A signs out: its Clerk has no session any more.
    a.setGetToken(async () => null);
    user = null; // (A's own page already shows nobody; B and C still show user_a until they reload)
    await a.client.whoami.query();
    await flushIpc();
    expect(signedOut).toEqual([['sess_a']]);
    expect(verifier.isRevoked('sess_a')).toBe(true);

    // B and C still hold a session token that is valid for a minute: main refuses it.
    expect(trpcCode(await b.client.secret.query().catch((e: unknown) => e))).toBe('UNAUTHORIZED');
    expect(trpcCode(await c.client.secret.query().catch((e: unknown) => e))).toBe('UNAUTHORIZED');
    // Nor does its token reach procedures (which would forward it to a backend that still accepts it).
    expect(await b.client.whoami.query()).toMatchObject({ token: null, userId: null });
    // Main's own work for any window gets no token either.
    for (const w of [a, b, c]) expect(await harness.registration.getFreshToken(id(w.win))).toBeNull();
    expect(a.reloads).toHaveLength(0);
    for (const w of [a, b, c]) w.stop();
  });

  it('signing in again (a new session) works in every window', async () => {
    const { key, page } = await setup();
    const first = await key.sign({ sub: 'user_a', sid: 'sess_1' });
    const a = page(
      async () => first,
      () => 'user_a',
    );
    await a.client.whoami.query();
    a.setGetToken(async () => null);
    await a.client.whoami.query();
    const second = await key.sign({ sub: 'user_a', sid: 'sess_2' });
    a.setGetToken(async () => second);
    expect(await a.client.secret.query()).toEqual({ userId: 'user_a', sessionId: 'sess_2' });
  });

  it('tells the other windows, whose pages reload only if they show another user', async () => {
    const { key, page } = await setup();
    const token = await key.sign({ sub: 'user_a', sid: 'sess_a' });
    const shownInB: string | null = 'user_a';
    const a = page(
      async () => token,
      () => 'user_a',
    );
    const b = page(
      async () => token,
      () => shownInB,
    );
    const c = page(
      async () => null,
      () => null,
    ); // already signed out
    await Promise.all([a.client.whoami.query(), b.client.whoami.query(), c.client.whoami.query()]);
    a.setGetToken(async () => null);
    await a.client.whoami.query();
    await flushIpc();
    expect([a.reloads.length, b.reloads.length, c.reloads.length]).toEqual([0, 1, 0]);
    for (const w of [a, b, c]) w.stop();
  });
});

describe('sign-in in one window', () => {
  it('reaches the signed-out windows', async () => {
    const { key, page } = await setup();
    const a = page(
      async () => null,
      () => null,
    );
    const b = page(
      async () => null,
      () => null,
    );
    await Promise.all([a.client.whoami.query(), b.client.whoami.query()]);
    const token = await key.sign({ sub: 'user_new', sid: 'sess_new' });
    a.setGetToken(async () => token);
    await a.client.whoami.query();
    await flushIpc();
    expect(b.reloads).toHaveLength(1);
    expect(a.reloads).toHaveLength(0);
    a.stop();
    b.stop();
  });

  it('a new window of a signed-in user is not a sign-in (nothing to compare with)', async () => {
    const { key, page, signedOut } = await setup();
    const token = await key.sign({ sub: 'user_a', sid: 'sess_a' });
    const a = page(
      async () => token,
      () => 'user_a',
    );
    await a.client.whoami.query();
    const b = page(
      async () => token,
      () => undefined as unknown as string,
    ); // still loading
    await b.client.whoami.query();
    await flushIpc();
    expect(a.reloads).toHaveLength(0);
    expect(signedOut).toEqual([]);
  });
});

describe('switching organization in one window', () => {
  it('reloads the windows that show another organization of the user, and only those', async () => {
    const { key, page, signedOut } = await setup();
    const inOrg = (org: string) => key.sign({ sub: 'user_a', sid: 'sess_a', v: 2, o: { id: org, rol: 'admin', slg: org } });
    const [tokenA, tokenB] = [await inOrg('org_a'), await inOrg('org_b')];
    const a = page(
      async () => tokenA,
      () => 'user_a',
      () => 'org_a',
    );
    const b = page(
      async () => tokenA,
      () => 'user_a',
      () => 'org_a',
    );
    const c = page(
      async () => tokenB,
      () => 'user_a',
      () => 'org_b',
    ); // already shows the organization A switches to
    await Promise.all([a.client.whoami.query(), b.client.whoami.query(), c.client.whoami.query()]);
    a.setGetToken(async () => tokenB);
    await a.client.whoami.query();
    await flushIpc();
    expect([a.reloads.length, b.reloads.length, c.reloads.length]).toEqual([0, 1, 0]);
    expect(signedOut).toEqual([]);
    for (const w of [a, b, c]) w.stop();
  });
});

describe('offline', () => {
  it('a getToken() failure is not a sign-out: nothing is forgotten, revoked or broadcast', async () => {
    const { key, harness, page, signedOut, verifier } = await setup();
    const token = await key.sign({ sub: 'user_a', sid: 'sess_a' });
    const a = page(
      async () => token,
      () => 'user_a',
    );
    const b = page(
      async () => token,
      () => 'user_a',
    );
    await Promise.all([a.client.whoami.query(), b.client.whoami.query()]);

    a.setGetToken(() => Promise.reject(new Error('ClerkOfflineError: network unreachable')));
    expect(await a.client.whoami.query()).toMatchObject({ token: null, userId: null });
    await flushIpc();
    expect(signedOut).toEqual([]);
    expect(verifier.isRevoked('sess_a')).toBe(false);
    expect(b.reloads).toHaveLength(0);
    // Main keeps the window's verified token for its own work while it is valid.
    expect(await harness.registration.getFreshToken(id(a.win))).toBe(token);
    // Back online: the same session goes on.
    a.setGetToken(async () => token);
    expect(await a.client.secret.query()).toEqual({ userId: 'user_a', sessionId: 'sess_a' });
  });
});

describe('what is not a sign-out', () => {
  it('an expired or forged token from a signed-in window signs nobody out', async () => {
    const { key, page, signedOut } = await setup();
    const token = await key.sign({ sub: 'user_a', sid: 'sess_a' });
    const a = page(
      async () => token,
      () => 'user_a',
    );
    const b = page(
      async () => token,
      () => 'user_a',
    );
    await Promise.all([a.client.whoami.query(), b.client.whoami.query()]);
    const expired = await key.sign({ sub: 'user_a', sid: 'sess_a', expiresIn: -120 });
    a.setGetToken(async () => expired);
    await a.client.whoami.query();
    a.setGetToken(async () => `${token.slice(0, -4)}AAAA`);
    await a.client.whoami.query();
    await flushIpc();
    expect(signedOut).toEqual([]);
    expect(b.reloads).toHaveLength(0);
    a.setGetToken(async () => token);
    expect(await b.client.secret.query()).toEqual({ userId: 'user_a', sessionId: 'sess_a' });
  });
});

describe("Clerk's clearToken IPC", () => {
  /** ipcMain.handle registry with a way to invoke a channel like a renderer would. */
  function fakeInvokeMain() {
    const handlers = new Map<string, (event: any, ...args: any[]) => unknown>();
    return {
      handlers,
      handle(channel: string, listener: (event: any, ...args: any[]) => unknown) {
        handlers.set(channel, listener);
      },
      invoke: (channel: string, url: string, windowId: number) =>
        Promise.resolve().then(() => handlers.get(channel)!({ senderFrame: { url }, sender: { id: windowId } })),
    };
  }

  it('is a sign-out everywhere, once it passed the origin check and Clerk cleared the token', async () => {
    const { key, harness, page, sync, signedOut } = await setup();
    const token = await key.sign({ sub: 'user_a', sid: 'sess_a' });
    const a = page(
      async () => token,
      () => 'user_a',
    );
    const b = page(
      async () => token,
      () => 'user_a',
    );
    await Promise.all([a.client.whoami.query(), b.client.whoami.query()]);

    const ipcMain = fakeInvokeMain();
    const cleared: string[] = [];
    withOriginCheckedHandlers(
      ipcMain,
      [APP_ORIGIN],
      () => {
        // What @clerk/electron registers.
        ipcMain.handle(CLERK_CLEAR_TOKEN_CHANNEL, () => void cleared.push('cleared'));
        ipcMain.handle('clerk:token-cache:get', () => 'client-token');
      },
      {
        log: () => {},
        onHandled: (channel, event) => {
          if (channel === CLERK_CLEAR_TOKEN_CHANNEL) sync.clientTokenCleared(event.sender?.id);
        },
      },
    );

    await ipcMain.invoke('clerk:token-cache:get', `${APP_ORIGIN}/`, id(a.win));
    expect(signedOut).toEqual([]);
    await expect(ipcMain.invoke(CLERK_CLEAR_TOKEN_CHANNEL, 'https://evil.example/', id(a.win))).rejects.toThrow();
    expect(signedOut).toEqual([]);

    await ipcMain.invoke(CLERK_CLEAR_TOKEN_CHANNEL, `${APP_ORIGIN}/`, id(a.win));
    await flushIpc();
    expect(cleared).toEqual(['cleared']);
    expect(signedOut).toEqual([['sess_a']]);
    expect(b.reloads).toHaveLength(1);
    expect(trpcCode(await b.client.secret.query().catch((e: unknown) => e))).toBe('UNAUTHORIZED');
    expect(await harness.registration.getFreshToken(id(a.win))).toBeNull();
  });
});

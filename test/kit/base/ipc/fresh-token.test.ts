import { describe, expect, it } from 'vitest';
import {
  createFreshTokenGetter,
  createTokenRequests,
  createWindowTokens,
  type TokenRequests,
  type WindowTokens,
} from '../../src/kit/ipc/main/fresh-token';
import type { SessionAuth } from '../../src/kit/main/auth/verify-session';
import { IPC_REQUEST_CHANNEL } from '../../src/kit/ipc/protocol';
import { createHarness } from '../helpers/harness';
import { createTestKey } from '../helpers/keys';
import { createTestRouter } from '../helpers/test-router';

const sharedKey = createTestKey();
const NOW = 1_900_000_000_000;
const nowSeconds = NOW / 1000;

/** Requests answered by a stand-in renderer that counts how often it was asked. */
function answeringRequests(answer: () => string | null | undefined) {
  let asked = 0;
  const requests: TokenRequests = {
    request: async () => {
      asked++;
      return answer();
    },
    settle: () => {},
    cancelWindow: () => {},
  };
  return { requests, asked: () => asked };
}

/** Stand-in verifier: `valid:<exp>` verifies with that expiry, anything else is forged. */
const tokenFor = (secondsLeft: number): string => `valid:${nowSeconds + secondsLeft}`;
function authOf(token: string): SessionAuth {
  const claims = { exp: Number(token.split(':')[1]) };
  return { userId: 'user_1', sessionId: 'sess_1', claims } as Omit<SessionAuth, 'status'> as SessionAuth;
}
async function verify(token: string): Promise<SessionAuth | null> {
  return token.startsWith('valid:') ? authOf(token) : null;
}

function store(tokens: WindowTokens, windowId: number, token: string): void {
  tokens.record(windowId, tokens.ticket(), token, authOf(token));
}

function getter(tokens: WindowTokens, requests: TokenRequests, minTimeLeftSeconds = 15) {
  return createFreshTokenGetter({ tokens, requests, verify, minTimeLeftSeconds, now: () => NOW });
}

describe('fresh token (unit)', () => {
  it('returns the stored token while its verified expiry is far, without asking the renderer', async () => {
    const tokens = createWindowTokens();
    const stored = tokenFor(60);
    store(tokens, 1, stored);
    const renderer = answeringRequests(() => 'unexpected');
    expect(await getter(tokens, renderer.requests)(1)).toBe(stored);
    expect(renderer.asked()).toBe(0);
  });

  it('asks the renderer when the stored token is stale or missing, and stores the verified answer', async () => {
    const tokens = createWindowTokens();
    store(tokens, 1, tokenFor(10));
    const fresh = tokenFor(60);
    const renderer = answeringRequests(() => fresh);
    const getFreshToken = getter(tokens, renderer.requests);
    const [a, b] = await Promise.all([getFreshToken(1), getFreshToken(1)]);
    expect([a, b]).toEqual([fresh, fresh]);
    expect(renderer.asked()).toBe(1); // concurrent callers share one question
    expect(tokens.entry(1)).toEqual({ token: fresh, exp: nowSeconds + 60 });
    expect(await getFreshToken(2)).toBe(fresh);
    expect(renderer.asked()).toBe(2);
  });

  it('never hands out or keeps an answer that does not verify', async () => {
    const tokens = createWindowTokens();
    const forged = `forged:${nowSeconds + 3600}`;
    const renderer = answeringRequests(() => forged);
    const getFreshToken = getter(tokens, renderer.requests);
    expect(await getFreshToken(1)).toBeNull();
    expect(tokens.get(1)).toBeNull();
    expect(await getFreshToken(1)).toBeNull();
    expect(renderer.asked()).toBe(2); // asked again: nothing unverified was cached
  });

  it('a signed-out answer forgets the stored token', async () => {
    const tokens = createWindowTokens();
    store(tokens, 1, tokenFor(10));
    expect(await getter(tokens, answeringRequests(() => null).requests)(1)).toBeNull();
    expect(tokens.get(1)).toBeNull();
  });

  it('times out when the renderer does not answer, and falls back to a stored token that is still valid', async () => {
    const sent: unknown[] = [];
    const requests = createTokenRequests({ timeoutMs: 20, send: (_windowId, message) => (sent.push(message), true) });
    expect(await requests.request(1)).toBeUndefined();
    expect(sent).toEqual([{ type: 'token-request', requestId: 1 }]);

    const tokens = createWindowTokens();
    const stillValid = tokenFor(5);
    store(tokens, 1, stillValid);
    const getFreshToken = getter(tokens, requests);
    expect(await getFreshToken(1)).toBe(stillValid);
    store(tokens, 1, tokenFor(-1));
    expect(await getFreshToken(1)).toBeNull();
  });

  it('ignores answers from another window than the one asked', async () => {
    const requests = createTokenRequests({ timeoutMs: 20, send: () => true });
    const answer = requests.request(1);
    requests.settle(2, 1, 'from the wrong window');
    expect(await answer).toBeUndefined();
    const second = requests.request(1);
    requests.settle(1, 2, 'right');
    expect(await second).toBe('right');
  });
});

describe('window tokens (unit)', () => {
  it('a token verified late does not undo what arrived after it (e.g. a sign-out)', () => {
    const tokens = createWindowTokens();
    const older = tokens.ticket();
    const signOut = tokens.ticket();
    expect(tokens.record(1, signOut, null, null)).toBe(true);
    expect(tokens.record(1, older, 'valid:1', authOf('valid:1'))).toBe(false);
    expect(tokens.get(1)).toBeNull();
  });
});

describe('fresh token through the IPC bridge', () => {
  it('asks the window’s renderer only when the stored token is stale', async () => {
    const key = await sharedKey;
    const harness = await createHarness({ router: createTestRouter().router, key, freshToken: { minTimeLeftSeconds: 15 } });
    let current = await key.sign({ sub: 'user_f', expiresIn: 10 }); // stale: under 15 s left
    const { client, win, tokenCalls } = harness.openWindow({ getToken: async () => current });
    await client.whoami.query();
    expect(tokenCalls()).toBe(1);

    current = await key.sign({ sub: 'user_f', expiresIn: 60 });
    expect(await harness.registration.getFreshToken(win.webContents.id)).toBe(current);
    expect(tokenCalls()).toBe(2); // the renderer was asked

    expect(await harness.registration.getFreshToken(win.webContents.id)).toBe(current);
    expect(await client.freshToken.query()).toBe(current); // ctx.getFreshToken, same store
    expect(tokenCalls()).toBe(3); // only the query itself asked for a token
  });

  it('times out when the renderer does not answer', async () => {
    const key = await sharedKey;
    const harness = await createHarness({ router: createTestRouter().router, key, freshToken: { timeoutMs: 20 } });
    const win = harness.electron.createWindow();
    // A page without the link: it sends a call with an expired token but never answers token requests.
    win.ipcRenderer.send(IPC_REQUEST_CHANNEL, {
      type: 'query',
      id: 'x:1',
      path: 'whoami',
      input: undefined,
      token: await key.sign({ expiresIn: -1 }),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await harness.registration.getFreshToken(win.webContents.id)).toBeNull();
  });

  it('a destroyed window’s token is forgotten', async () => {
    const key = await sharedKey;
    const harness = await createHarness({ router: createTestRouter().router, key, freshToken: { timeoutMs: 20 } });
    const token = await key.sign({ expiresIn: 60 });
    const { client, win } = harness.openWindow({ getToken: async () => token });
    await client.whoami.query();
    expect(await harness.registration.getFreshToken(win.webContents.id)).toBe(token);
    win.destroy();
    expect(await harness.registration.getFreshToken(win.webContents.id)).toBeNull();
  });
});

/** The token with its payload rewritten (signature left as is): what a compromised page could send. */
function forge(token: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${Buffer.from(JSON.stringify({ ...decoded, ...claims })).toString('base64url')}.${signature}`;
}

const flushIpc = async (rounds = 10): Promise<void> => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('only verified tokens are kept (security audit 11.2)', () => {
  it('a forged token with a far expiry is not stored, and main asks the renderer instead of forwarding it', async () => {
    const key = await sharedKey;
    const harness = await createHarness({ router: createTestRouter().router, key, freshToken: { timeoutMs: 50 } });
    const forged = forge(await key.sign({ sub: 'user_x' }), { sub: 'user_admin', exp: Math.floor(Date.now() / 1000) + 86_400 });
    const { client, win, tokenCalls } = harness.openWindow({ getToken: async () => forged });
    expect((await client.whoami.query()).userId).toBeNull();
    expect(tokenCalls()).toBe(1);
    // The renderer is asked (and answers the forged token again), which does not verify either.
    expect(await harness.registration.getFreshToken(win.webContents.id)).toBeNull();
    expect(tokenCalls()).toBe(2);
  });

  it('a forged token does not replace the verified one, and a signed-out call still clears it', async () => {
    const key = await sharedKey;
    const harness = await createHarness({ router: createTestRouter().router, key, freshToken: { timeoutMs: 50 } });
    const valid = await key.sign({ sub: 'user_v', expiresIn: 600 });
    let current: string | null = valid;
    const { client, win } = harness.openWindow({ getToken: async () => current });
    await client.whoami.query();
    current = forge(valid, { exp: Math.floor(Date.now() / 1000) + 86_400 });
    await client.whoami.query();
    expect(await harness.registration.getFreshToken(win.webContents.id)).toBe(valid);

    current = null;
    await client.whoami.query();
    // Nothing stored any more: the renderer is asked, and answers that it is signed out.
    expect(await harness.registration.getFreshToken(win.webContents.id)).toBeNull();
  });
});

describe('navigation race (security audit 11.3)', () => {
  it('a call between navigation start and commit does not keep the old page’s token past the commit', async () => {
    const key = await sharedKey;
    const harness = await createHarness({ router: createTestRouter().router, key, freshToken: { timeoutMs: 50 } });
    const token = await key.sign({ sub: 'user_old', expiresIn: 600 });
    const { client, win } = harness.openWindow({ getToken: async () => token });
    await client.whoami.query();

    win.startNavigation();
    await client.whoami.query(); // the old document is still running and still calling
    win.commitNavigation();
    // The new document has not loaded its link yet: nobody answers, nothing of the old page is left.
    expect(await harness.registration.getFreshToken(win.webContents.id)).toBeNull();
  });

  it('drops the old document’s late messages after the commit, even when the frame object is reused', async () => {
    const key = await sharedKey;
    const { router, probe } = createTestRouter();
    const harness = await createHarness({ router, key, freshToken: { timeoutMs: 50 } });
    const token = await key.sign({ sub: 'user_old', expiresIn: 600 });
    const old = harness.openWindow({ getToken: async () => token });
    await old.client.whoami.query();
    const calls = probe.calls;

    old.win.navigate();
    void old.client.whoami.query(); // a message still queued in the old document
    await flushIpc();
    expect(probe.calls).toBe(calls);

    old.win.startNavigation();
    old.win.commitNavigation({ reuseFrame: true });
    void old.client.whoami.query();
    await flushIpc();
    expect(probe.calls).toBe(calls);
    expect(harness.errors.map((e) => e.error.message)).toEqual([
      'IPC message from a replaced document dropped',
      'IPC message from a replaced document dropped',
    ]);
    expect(await harness.registration.getFreshToken(old.win.webContents.id)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import {
  createFreshTokenGetter,
  createTokenRequests,
  readTokenExpiry,
  type TokenRequests,
} from '../../src/main/auth/fresh-token';
import { createWindowTokens } from '../../src/main/auth/window-tokens';
import { IPC_REQUEST_CHANNEL } from '../../src/shared/ipc-protocol';
import { createHarness } from '../helpers/harness';
import { createTestKey } from '../helpers/keys';
import { createTestRouter } from '../helpers/test-router';

const sharedKey = createTestKey();

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

describe('fresh token (unit)', () => {
  it('reads exp without verifying, and tolerates garbage', async () => {
    const key = await sharedKey;
    const token = await key.sign({ expiresIn: 42 });
    // Compare against the token's own iat: Date.now() may have ticked into the next second.
    const { iat } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number };
    expect(readTokenExpiry(token)).toBe(iat + 42);
    expect(readTokenExpiry('garbage')).toBeNull();
    expect(readTokenExpiry('a.b.c')).toBeNull();
  });

  it('returns the stored token while it has long to live, without asking the renderer', async () => {
    const key = await sharedKey;
    const tokens = createWindowTokens();
    const stored = await key.sign({ expiresIn: 60 });
    tokens.set(1, stored);
    const renderer = answeringRequests(() => 'unexpected');
    const getFreshToken = createFreshTokenGetter({ tokens, requests: renderer.requests, minTimeLeftSeconds: 15 });
    expect(await getFreshToken(1)).toBe(stored);
    expect(renderer.asked()).toBe(0);
  });

  it('asks the renderer when the stored token is stale or missing, and stores the answer', async () => {
    const key = await sharedKey;
    const tokens = createWindowTokens();
    tokens.set(1, await key.sign({ expiresIn: 10 }));
    const fresh = await key.sign({ expiresIn: 60 });
    const renderer = answeringRequests(() => fresh);
    const getFreshToken = createFreshTokenGetter({ tokens, requests: renderer.requests, minTimeLeftSeconds: 15 });
    const [a, b] = await Promise.all([getFreshToken(1), getFreshToken(1)]);
    expect([a, b]).toEqual([fresh, fresh]);
    expect(renderer.asked()).toBe(1); // concurrent callers share one question
    expect(tokens.get(1)).toBe(fresh);
    expect(await getFreshToken(2)).toBe(fresh);
    expect(renderer.asked()).toBe(2);
  });

  it('a signed-out answer forgets the stored token', async () => {
    const key = await sharedKey;
    const tokens = createWindowTokens();
    tokens.set(1, await key.sign({ expiresIn: 10 }));
    const getFreshToken = createFreshTokenGetter({ tokens, requests: answeringRequests(() => null).requests });
    expect(await getFreshToken(1)).toBeNull();
    expect(tokens.get(1)).toBeNull();
  });

  it('times out when the renderer does not answer, and falls back to a stored token that is still valid', async () => {
    const key = await sharedKey;
    const sent: unknown[] = [];
    const requests = createTokenRequests({ timeoutMs: 20, send: (_windowId, message) => (sent.push(message), true) });
    expect(await requests.request(1)).toBeUndefined();
    expect(sent).toEqual([{ type: 'token-request', requestId: 1 }]);

    const tokens = createWindowTokens();
    const stillValid = await key.sign({ expiresIn: 5 });
    tokens.set(1, stillValid);
    const getFreshToken = createFreshTokenGetter({ tokens, requests, minTimeLeftSeconds: 15 });
    expect(await getFreshToken(1)).toBe(stillValid);
    tokens.set(1, await key.sign({ expiresIn: -1 }));
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
    win.ipcRenderer.send(IPC_REQUEST_CHANNEL, { type: 'query', id: 'x:1', path: 'whoami', input: undefined, token: await key.sign({ expiresIn: -1 }) });
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

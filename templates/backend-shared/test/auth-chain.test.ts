/**
 * One call end to end, offline: main forwards `remote.me` with a session token to the real backend,
 * which verifies it (signed here with a local key standing in for your Clerk instance's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type RunningBackend } from '../backend/test/helpers/start-backend';
import { createTestSigner, TEST_AUTHORIZED_PARTY, type TestSigner } from '../backend/test/helpers/tokens';
import { connectBackend } from '../src/kit/main/remote/backend';
import { forwardToBackend } from '../src/kit/main/remote/forward';

let signer: TestSigner;
let backend: RunningBackend;
beforeAll(async () => {
  signer = await createTestSigner();
  backend = await startTestBackend({ CLERK_JWT_KEY: signer.publicKeyPem, CLERK_AUTHORIZED_PARTIES: TEST_AUTHORIZED_PARTY });
  connectBackend({ backendUrl: backend.url });
}, 60_000);
afterAll(() => backend?.stop());

const remoteMe = (token: string) => {
  const ctx = { windowId: 1, token, auth: null, getFreshToken: async () => token, app: { name: 'Test App', version: '1' } };
  return forwardToBackend({ type: 'query', path: 'me', input: undefined, ctx, signal: new AbortController().signal });
};

describe('the session token from main to the backend', () => {
  it("the backend sees the token's user", async () => {
    const token = await signer.sign({ sub: 'user_alice', sid: 'sess_alice' });
    expect(await remoteMe(token)).toEqual({ userId: 'user_alice', sessionId: 'sess_alice' });
  });

  it('a token signed with another key is refused', async () => {
    const forged = await (await createTestSigner()).sign({ sub: 'user_mallory', sid: 'sess_mallory' });
    await expect(remoteMe(forged)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

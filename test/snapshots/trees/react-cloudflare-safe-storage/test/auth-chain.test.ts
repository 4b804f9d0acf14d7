/**
 * One call end to end, offline: main forwards `remote.me` with a session token to the real backend,
 * which verifies it (signed here with a local key standing in for your Clerk instance's).
 */
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type RunningBackend } from '../backend/test/helpers/backend';
import { connectBackend } from '../src/kit/main/remote/backend';
import { forwardToBackend } from '../src/kit/main/remote/forward';

const AUTHORIZED_PARTY = 'testapp://renderer';

async function createTestSigner() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const sign = (claims: { sub: string; sid: string }) =>
    new SignJWT({ ...claims, azp: AUTHORIZED_PARTY, sts: 'active', v: 2 })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(privateKey);
  return { publicKeyPem: await exportSPKI(publicKey), sign };
}

const signer = await createTestSigner();
let backend: RunningBackend;
beforeAll(async () => {
  backend = await startTestBackend({ CLERK_JWT_KEY: signer.publicKeyPem, CLERK_AUTHORIZED_PARTIES: AUTHORIZED_PARTY });
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type RunningBackend } from './helpers/backend';
import { swapSubject, tamperSignature, unsignedToken } from './helpers/forged-tokens';
import { createTestSigner, TEST_AUTHORIZED_PARTY, type TestSigner } from './helpers/tokens';

// The real server (see helpers/backend.ts for this target), verifying with CLERK_JWT_KEY.
let backend: RunningBackend;
let signer: TestSigner;
let otherSigner: TestSigner;

beforeAll(async () => {
  [signer, otherSigner] = await Promise.all([createTestSigner(), createTestSigner()]);
  backend = await startTestBackend({
    CLERK_JWT_KEY: signer.publicKeyPem,
    CLERK_AUTHORIZED_PARTIES: TEST_AUTHORIZED_PARTY,
  });
}, 60_000);

afterAll(async () => {
  await backend?.stop();
});

function call(path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  return fetch(`${backend.url}/trpc/${path}`, { ...init, headers });
}

async function data(response: Response): Promise<unknown> {
  const body = (await response.json()) as { result: { data: { json: unknown } } };
  return body.result.data.json;
}

describe('public procedure', () => {
  it('answers health without a token', async () => {
    const response = await call('health');
    expect(response.status).toBe(200);
    expect(await data(response)).toMatchObject({ status: 'ok' });
  });
});

describe('protected procedure me', () => {
  it('returns the user and session of a valid token', async () => {
    const response = await call('me', await signer.sign({ sub: 'user_alice', sid: 'sess_alice' }));
    expect(response.status).toBe(200);
    expect(await data(response)).toEqual({ userId: 'user_alice', sessionId: 'sess_alice' });
  });

  const rejected: Array<[string, () => Promise<string | undefined>]> = [
    ['no token', async () => undefined],
    ['an expired token', () => signer.sign({ expiresIn: -120 })],
    ['a token that is not valid yet', () => signer.sign({ notBefore: 120 })],
    ['a wrong signature', async () => tamperSignature(await signer.sign())],
    ['a payload changed after signing', async () => swapSubject(await signer.sign({ sub: 'user_a' }), 'user_b')],
    [
      'alg none',
      async () =>
        unsignedToken({
          sub: 'user_x',
          sid: 'sess_x',
          azp: TEST_AUTHORIZED_PARTY,
          iat: Math.floor(Date.now() / 1000) - 5,
          exp: Math.floor(Date.now() / 1000) + 60,
        }),
    ],
    ['a token from another key', () => otherSigner.sign()],
    ['a wrong azp', () => signer.sign({ azp: 'https://evil.example' })],
    ['no azp', () => signer.sign({ azp: null })],
    ['a pending session', () => signer.sign({ sts: 'pending' })],
    ['an OAuth access token (typ at+jwt)', () => signer.sign({ header: { typ: 'at+jwt' } })],
    ['garbage', async () => 'garbage'],
    ['an empty bearer', async () => ''],
  ];

  it.each(rejected)('gives 401 for %s, without details', async (_name, makeToken) => {
    const response = await call('me', await makeToken());
    expect(response.status).toBe(401);
    const body = JSON.stringify(await response.json());
    expect(body).toContain('UNAUTHORIZED');
    expect(body).not.toMatch(/expired|signature|azp|kid|jwk|alg/i);
  });

  it('rejects a token sent with another scheme', async () => {
    const response = await call('me', undefined, {
      headers: { authorization: `Basic ${await signer.sign()}` },
    });
    expect(response.status).toBe(401);
  });
});

describe('per-user data', () => {
  it('keeps each user’s notes apart and validates input', async () => {
    const alice = await signer.sign({ sub: 'user_alice_notes' });
    const bob = await signer.sign({ sub: 'user_bob_notes' });
    const add = (token: string, text: string) =>
      call('notes.add', token, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { text } }),
      });

    expect((await add(alice, 'alice secret')).status).toBe(200);
    expect((await add(alice, '   ')).status).toBe(400);
    expect((await add(await otherSigner.sign(), 'forged')).status).toBe(401);

    const aliceNotes = (await data(await call('notes.list', alice))) as Array<{ text: string }>;
    const bobNotes = (await data(await call('notes.list', bob))) as Array<{ text: string }>;
    expect(aliceNotes.map((note) => note.text)).toEqual(['alice secret']);
    expect(bobNotes).toEqual([]);
  });
});

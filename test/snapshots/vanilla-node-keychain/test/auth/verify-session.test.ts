import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionVerifier } from '../../src/main/auth/verify-session';
import { TEST_PUBLISHABLE_KEY } from '../helpers/harness';
import { createJwksFetch, createTestKey, TEST_AZP, unsignedToken, type TestKey } from '../helpers/keys';

let key: TestKey;
let otherKey: TestKey;
beforeAll(async () => {
  [key, otherKey] = await Promise.all([createTestKey(), createTestKey()]);
});

function jwksVerifier(keys: () => TestKey[] = () => [key]) {
  const jwks = createJwksFetch(() => keys().map((k) => k.jwk));
  const verifier = createSessionVerifier({
    publishableKey: TEST_PUBLISHABLE_KEY,
    fetch: jwks.fetch,
    authorizedParties: [TEST_AZP],
  });
  return { verifier, jwks };
}

describe('session verification through the Frontend API JWKS', () => {
  it('verifies a Clerk-like session token and returns user, session and claims', async () => {
    const { verifier, jwks } = jwksVerifier();
    const auth = await verifier.verify(await key.sign({ sub: 'user_9', sid: 'sess_9', org_id: 'org_1' }));
    expect(auth).toMatchObject({ userId: 'user_9', sessionId: 'sess_9', claims: { org_id: 'org_1', azp: TEST_AZP } });
    expect(jwks.requests).toEqual(['https://clerk.test.example/.well-known/jwks.json']);
  });

  it('caches verified tokens: the next check of the same token is a synchronous lookup', async () => {
    const { verifier } = jwksVerifier();
    const token = await key.sign();
    expect(verifier.cached(token)).toBeUndefined();
    const auth = await verifier.verify(token);
    expect(verifier.cached(token)).toBe(auth);
  });

  it('fetches the JWKS once, and again when a token names an unknown key id (key rotation)', async () => {
    let published = [key];
    const jwks = createJwksFetch(() => published.map((k) => k.jwk));
    const verifier = createSessionVerifier({ publishableKey: TEST_PUBLISHABLE_KEY, fetch: jwks.fetch, jwksCooldownMs: 0 });
    expect(await verifier.verify(await key.sign({ sub: 'a' }))).not.toBeNull();
    expect(await verifier.verify(await key.sign({ sub: 'b' }))).not.toBeNull();
    expect(jwks.requests).toHaveLength(1);

    published = [key, otherKey];
    expect(await verifier.verify(await otherKey.sign({ sub: 'c' }))).toMatchObject({ userId: 'c' });
    expect(jwks.requests).toHaveLength(2);
  });

  it.each([
    ['expired', () => key.sign({ expiresIn: -60 })],
    ['not yet valid', () => key.sign({ notBefore: 120, expiresIn: 300 })],
    ['signed by another key with the same kid', async () => {
      const impostor = await createTestKey();
      const token = await impostor.sign();
      const [, payload, signature] = token.split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT' })).toString('base64url');
      return `${header}.${payload}.${signature}`;
    }],
    ['unsigned (alg none)', async () => unsignedToken()],
    ['for another authorized party', () => key.sign({ azp: 'https://evil.example' })],
    ['without a session id', () => key.sign({ sid: undefined })],
    ['garbage', async () => 'not.a.jwt'],
  ])('rejects a token that is %s', async (_name, makeToken) => {
    const { verifier } = jwksVerifier();
    expect(await verifier.verify(await makeToken())).toBeNull();
  });

  it('accepts a token without azp, and any azp when no authorized parties are configured', async () => {
    const { verifier } = jwksVerifier();
    expect(await verifier.verify(await key.sign({ azp: undefined }))).not.toBeNull();
    const lenient = createSessionVerifier({ publishableKey: TEST_PUBLISHABLE_KEY, fetch: createJwksFetch(() => [key.jwk]).fetch });
    expect(await lenient.verify(await key.sign({ azp: 'https://elsewhere.example' }))).not.toBeNull();
  });

  it('does not use a cached result after the token expired', async () => {
    let now = Date.now();
    const verifier = createSessionVerifier({
      publishableKey: TEST_PUBLISHABLE_KEY,
      fetch: createJwksFetch(() => [key.jwk]).fetch,
      now: () => now,
    });
    const token = await key.sign({ expiresIn: 30 });
    expect(await verifier.verify(token)).not.toBeNull();
    now += 60_000;
    expect(verifier.cached(token)).toBeUndefined();
    expect(await verifier.verify(token)).toBeNull();
  });

  it('an unreachable JWKS means no identity, not a crash', async () => {
    const verifier = createSessionVerifier({
      publishableKey: TEST_PUBLISHABLE_KEY,
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    expect(await verifier.verify(await key.sign())).toBeNull();
  });

  describe('served over HTTP', () => {
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [key.jwk] }));
    });
    let url = '';
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('verifies against a JWKS fetched from a local server', async () => {
      const verifier = createSessionVerifier({ jwksUrl: url });
      expect(await verifier.verify(await key.sign({ sub: 'user_http' }))).toMatchObject({ userId: 'user_http' });
    });
  });
});

describe('session verification with CLERK_JWT_KEY (networkless)', () => {
  it('verifies with the PEM public key, also written on one line with \\n escapes', async () => {
    const failingFetch = (async () => {
      throw new Error('no network expected');
    }) as typeof fetch;
    for (const jwtKey of [key.pem, key.pem.replace(/\n/g, '\\n')]) {
      const verifier = createSessionVerifier({ jwtKey, publishableKey: TEST_PUBLISHABLE_KEY, fetch: failingFetch });
      expect(await verifier.verify(await key.sign({ sub: 'user_pem' }))).toMatchObject({ userId: 'user_pem' });
      expect(await verifier.verify(await otherKey.sign())).toBeNull();
      expect(await verifier.verify(unsignedToken())).toBeNull();
      expect(await verifier.verify(await key.sign({ expiresIn: -60 }))).toBeNull();
    }
  });

  it('without any key every token verifies to null', async () => {
    const verifier = createSessionVerifier({});
    expect(verifier.configured).toBe(false);
    expect(await verifier.verify(await key.sign())).toBeNull();
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JWTPayload } from 'jose';
import { createSessionVerifier, type SessionAuth } from '../../src/kit/main/auth/verify-session';
import { authFromClaims } from '../../src/kit/shared/auth-object';
import { createCallerFactory, protectedProcedure, publicProcedure, router as trpcRouter } from '../../src/kit/main/trpc/init';
import { TEST_PUBLISHABLE_KEY } from '../helpers/harness';
import { createJwksFetch, createTestKey, TEST_AZP, type TestKey } from '../helpers/keys';

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An `alg: none` token with valid-looking claims: must never be accepted. */
function unsignedToken(claims: JWTPayload = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: 'user_1', sid: 'sess_1', azp: TEST_AZP, iat: now, nbf: now - 5, exp: now + 60, ...claims };
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
}

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
    [
      'signed by another key with the same kid',
      async () => {
        const impostor = await createTestKey();
        const token = await impostor.sign();
        const [, payload, signature] = token.split('.');
        const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT' })).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
    ],
    ['unsigned (alg none)', async () => unsignedToken()],
    ['for another authorized party', () => key.sign({ azp: 'https://evil.example' })],
    ['without a session id', () => key.sign({ sid: undefined })],
    ['with a non-string session id', () => key.sign({ sid: 42 })],
    ['without a subject', () => key.sign({ sub: undefined })],
    ['garbage', async () => 'not.a.jwt'],
  ])('rejects a token that is %s', async (_name, makeToken) => {
    const { verifier } = jwksVerifier();
    expect(await verifier.verify(await makeToken())).toBeNull();
  });

  it('requires azp, and accepts any azp only when no authorized parties are configured', async () => {
    const { verifier } = jwksVerifier();
    expect(await verifier.verify(await key.sign({ azp: undefined }))).toBeNull();
    const lenient = createSessionVerifier({
      publishableKey: TEST_PUBLISHABLE_KEY,
      fetch: createJwksFetch(() => [key.jwk]).fetch,
    });
    expect(await lenient.verify(await key.sign({ azp: 'https://elsewhere.example' }))).not.toBeNull();
    expect(await lenient.verify(await key.sign({ azp: undefined }))).toBeNull();
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
      // The publishable key's host is not this server: only the request's address is redirected to it.
      const toServer = ((_request: unknown, init?: RequestInit) => fetch(url, init)) as typeof fetch;
      const verifier = createSessionVerifier({ publishableKey: TEST_PUBLISHABLE_KEY, fetch: toServer });
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

describe('only Clerk session tokens are accepted (the rules of @clerk/backend verifyToken, and stricter)', () => {
  const NOW = Date.UTC(2030, 0, 1);
  const seconds = NOW / 1000;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  function pemVerifier() {
    return createSessionVerifier({ jwtKey: key.pem, authorizedParties: [TEST_AZP] });
  }
  const claims = (extra: Record<string, unknown> = {}) => ({
    sub: 'user_1',
    sid: 'sess_1',
    azp: TEST_AZP,
    iat: seconds,
    nbf: seconds - 5,
    exp: seconds + 60,
    ...extra,
  });

  it.each([
    ['typ JWT and the session category', {}],
    ['no typ (as @clerk/backend)', { typ: undefined }],
    ['no cat (older tokens)', { cat: undefined }],
    ["Clerk's ignore category", { cat: 'cl_I7d4PD111III' }],
  ])('accepts a session token with %s', async (_name, header) => {
    expect(await pemVerifier().verify(await key.sign({}, header))).toMatchObject({ userId: 'user_1', status: 'active' });
  });

  it.each([
    ['an OAuth access token (typ at+jwt)', { typ: 'at+jwt' }],
    ['typ application/at+jwt', { typ: 'application/at+jwt' }],
    ['typ JOSE', { typ: 'JOSE' }],
    ['typ jwt in lower case', { typ: 'jwt' }],
    ['a numeric typ', { typ: 1 }],
    ["Clerk's machine-to-machine category", { cat: 'cl_B7d4PD333AAA' }],
    ['an unknown category', { cat: 'cl_unknown' }],
  ])('rejects %s', async (_name, header) => {
    expect(await pemVerifier().verify(await key.sign({}, header))).toBeNull();
  });

  it('rejects another token kind before fetching any key', async () => {
    const { verifier, jwks } = jwksVerifier();
    expect(await verifier.verify(await key.sign({}, { typ: 'at+jwt' }))).toBeNull();
    expect(jwks.requests).toEqual([]);
  });

  it('rejects a machine token (sub starting mch_), as @clerk/backend tells it apart', async () => {
    expect(await pemVerifier().verify(await key.sign({ sub: 'mch_1' }))).toBeNull();
  });

  it.each([
    ['iat within the 5 s clock skew', true, { iat: seconds + 5 }],
    ['iat 6 s in the future', false, { iat: seconds + 6 }],
    ['iat 60 s in the future', false, { iat: seconds + 60 }],
    ['no iat (as @clerk/backend)', true, { iat: undefined }],
    ['a string iat', false, { iat: String(seconds) }],
    ['exp within the clock skew', true, { exp: seconds - 4 }],
    ['exp just past the clock skew', false, { exp: seconds - 5 }],
    ['no exp', false, { exp: undefined }],
    ['nbf within the clock skew', true, { nbf: seconds + 5 }],
    ['nbf past the clock skew', false, { nbf: seconds + 6 }],
    // @clerk/backend accepts all of the next ones; main is stricter (src/kit/README.md, "Token rules").
    ['exp before the Date range', false, { exp: -1e13 }],
    ['exp after the Date range', false, { exp: 1e13 }],
    ['iat after the Date range', false, { iat: 1e13 }],
    ['a fractional nbf', false, { nbf: seconds - 0.5 }],
    ['a fractional exp', false, { exp: seconds + 60.5 }],
    ['an empty sub', false, { sub: '' }],
    ['a numeric sts', false, { sts: 1 }],
  ])('%s: accepted = %s', async (_name, accepted, extra) => {
    const auth = await pemVerifier().verify(await key.signRaw({ alg: 'RS256', typ: 'JWT' }, claims(extra)));
    expect(auth !== null).toBe(accepted);
  });

  it('rejects unknown crit headers and invalid UTF-8 (@clerk/backend ignores crit and decodes loosely)', async () => {
    const verifier = pemVerifier();
    expect(await verifier.verify(await key.signRaw({ alg: 'RS256', typ: 'JWT', crit: ['x'], x: 1 }, claims()))).toBeNull();
    const payload = Buffer.concat([Buffer.from(JSON.stringify(claims()).slice(0, -1)), Buffer.from(',"n":"\xff"}', 'latin1')]);
    expect(await verifier.verify(await key.signRaw({ alg: 'RS256', typ: 'JWT' }, payload))).toBeNull();
    expect(await verifier.verify(await key.signRaw(Buffer.from('{"alg":"RS256","x":"\xff"}', 'latin1'), claims()))).toBeNull();
  });

  it('returns the session status: active by default, pending as given', async () => {
    const verifier = pemVerifier();
    expect(await verifier.verify(await key.sign({ sts: undefined }))).toMatchObject({ status: 'active' });
    expect(await verifier.verify(await key.sign({ sts: 'pending' }))).toMatchObject({ status: 'pending', userId: 'user_1' });
  });
});

describe('protectedProcedure and session status', () => {
  const router = trpcRouter({
    whoAmI: publicProcedure.query(({ ctx }) => ctx.auth?.status ?? 'signed out'),
    secret: protectedProcedure.query(({ ctx }) => ctx.auth.userId),
  });
  const callerFor = (auth: SessionAuth | null) =>
    createCallerFactory(router)({
      windowId: 1,
      token: auth ? 'token' : null,
      auth,
      getFreshToken: async () => null,
      app: { name: 'test', version: '0.0.0' },
    });
  const session = (status: string): SessionAuth => {
    const claims = { sub: 'user_1', sid: 'sess_1', sts: status };
    return { ...authFromClaims(claims), claims };
  };

  it('lets an active session in', async () => {
    expect(await callerFor(session('active')).secret()).toBe('user_1');
  });

  it.each(['pending', 'something-new'])(
    'answers UNAUTHORIZED for a %s session, which public procedures still see',
    async (status) => {
      const caller = callerFor(session(status));
      await expect(caller.secret()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      expect(await caller.whoAmI()).toBe(status);
    },
  );
});

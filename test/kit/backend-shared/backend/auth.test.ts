import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateRequest, authFromClaims, bearerToken, type Auth } from '../src/kit/auth';
import { ConfigurationError, DEFAULT_AUTHORIZED_PARTIES, readAuthConfig } from '../src/kit/auth-config';
import { backendRouter } from '../src/router';
import { createTestSigner, TEST_AUTHORIZED_PARTY, type TestSigner, type TokenClaims } from './helpers/tokens';

describe('readAuthConfig', () => {
  it('names the missing variables', () => {
    expect(() => readAuthConfig({})).toThrow(ConfigurationError);
    expect(() => readAuthConfig({ CLERK_JWT_KEY: ' ' })).toThrow(/CLERK_JWT_KEY.*CLERK_SECRET_KEY/);
  });

  it('rejects a CLERK_JWT_KEY that is not a PEM public key', () => {
    expect(() => readAuthConfig({ CLERK_JWT_KEY: 'sk_test_123' })).toThrow(/CLERK_JWT_KEY/);
  });

  it('prefers the networkless key and restores escaped newlines', () => {
    const config = readAuthConfig({
      CLERK_JWT_KEY: '-----BEGIN PUBLIC KEY-----\\nAAA\\n-----END PUBLIC KEY-----',
      CLERK_SECRET_KEY: 'sk_test_x',
    });
    expect(config.jwtKey).toBe('-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----');
    expect(config.secretKey).toBeUndefined();
  });

  it('refuses the untouched example key, saying where the real one is', () => {
    const placeholder = '-----BEGIN PUBLIC KEY-----\\n...\\n-----END PUBLIC KEY-----';
    expect(() => readAuthConfig({ CLERK_JWT_KEY: placeholder })).toThrow(ConfigurationError);
    expect(() => readAuthConfig({ CLERK_JWT_KEY: placeholder })).toThrow(/placeholder.*Clerk dashboard → API keys/);
  });

  it('splits CLERK_AUTHORIZED_PARTIES', () => {
    const explicit = readAuthConfig({ CLERK_SECRET_KEY: 'sk', CLERK_AUTHORIZED_PARTIES: 'a://x, http://y ,' });
    expect(explicit.authorizedParties).toEqual(['a://x', 'http://y']);
  });

  it('defaults to the packaged renderer origin only: the dev server comes from the dev config', () => {
    const { authorizedParties } = readAuthConfig({ CLERK_SECRET_KEY: 'sk' });
    expect(authorizedParties).toEqual([DEFAULT_AUTHORIZED_PARTIES]);
    expect(DEFAULT_AUTHORIZED_PARTIES).toMatch(/^[a-z][a-z0-9+.-]*:\/\/renderer$/);
    expect(DEFAULT_AUTHORIZED_PARTIES).not.toMatch(/localhost|127\.0\.0\.1|http:/);
  });

  it('warns when keys would be fetched from Clerk outside development, not with CLERK_JWT_KEY', () => {
    const warnings: string[] = [];
    readAuthConfig({ CLERK_SECRET_KEY: 'sk', NODE_ENV: 'production' }, (line) => warnings.push(line));
    readAuthConfig({ CLERK_SECRET_KEY: 'sk' }, (line) => warnings.push(line));
    readAuthConfig({ CLERK_SECRET_KEY: 'sk', NODE_ENV: 'development' }, (line) => warnings.push(line));
    readAuthConfig({ CLERK_JWT_KEY: '-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----' }, (line) =>
      warnings.push(line),
    );
    expect(warnings).toEqual([expect.stringMatching(/CLERK_JWT_KEY is not set/), expect.stringMatching(/CLERK_JWT_KEY is not set/)]);
  });
});

describe('bearerToken', () => {
  it('accepts only the Bearer scheme with a JWT-shaped value', () => {
    expect(bearerToken('Bearer a.b.c')).toBe('a.b.c');
    expect(bearerToken('bearer a.b.c')).toBe('a.b.c');
    expect(bearerToken('Basic a.b.c')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});

describe('authenticateRequest', () => {
  it('never logs the token it rejects', async () => {
    const signer = await createTestSigner();
    const other = await createTestSigner();
    const token = await other.sign();
    const logged: string[] = [];
    const auth = await authenticateRequest(
      new Headers({ authorization: `Bearer ${token}` }),
      { jwtKey: signer.publicKeyPem, authorizedParties: [TEST_AUTHORIZED_PARTY] },
      (message) => logged.push(message),
    );
    expect(auth).toBeNull();
    expect(logged).toHaveLength(1);
    for (const part of token.split('.')) expect(logged[0]).not.toContain(part);
  });
});

describe('without CLERK_JWT_KEY (keys fetched from Clerk)', () => {
  let jwksServer: Server;
  let apiUrl: string;
  let jwksFetches = 0;
  beforeAll(async () => {
    jwksServer = createServer((request, response) => {
      if (request.url?.endsWith('/jwks')) jwksFetches++;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

  it('fetches the keys at most once for a burst of tokens with random key ids', async () => {
    const signer = await createTestSigner();
    const config = { secretKey: 'sk_test_x', apiUrl, authorizedParties: [TEST_AUTHORIZED_PARTY], log: () => {} };
    for (let i = 0; i < 20; i++) {
      const token = await signer.sign({ header: { kid: `ins_forged_${i}` } });
      expect(await authenticateRequest(new Headers({ authorization: `Bearer ${token}` }), config)).toBeNull();
    }
    expect(jwksFetches).toBe(1);
  });
});

describe('session token rules (as main verifies them)', () => {
  let signer: TestSigner;
  beforeAll(async () => {
    signer = await createTestSigner();
  });

  async function verify(claims: TokenClaims): Promise<{ auth: Auth | null; logged: string[] }> {
    const logged: string[] = [];
    const token = await signer.sign(claims);
    const auth = await authenticateRequest(new Headers({ authorization: `Bearer ${token}` }), {
      jwtKey: signer.publicKeyPem,
      authorizedParties: [TEST_AUTHORIZED_PARTY],
      log: (line) => logged.push(line),
    });
    return { auth, logged };
  }

  it.each<[string, TokenClaims, string]>([
    ['a realistic session token', {}, 'active'],
    ['no sts', { sts: null }, 'active'],
    ['a pending session', { sts: 'pending' }, 'pending'],
    ['no typ', { header: { typ: undefined } }, 'active'],
    ['no cat', { header: { cat: undefined } }, 'active'],
    ['iat within the clock skew', { issuedAt: 4 }, 'active'],
  ])('accepts %s', async (_name, claims, status) => {
    const { auth, logged } = await verify({ sub: 'user_ok', ...claims });
    expect(auth).toMatchObject({ userId: 'user_ok', sessionId: 'sess_test', status, orgId: undefined, expiresAt: expect.any(Number) });
    expect(logged).toEqual([]);
  });

  it.each<[string, TokenClaims, RegExp]>([
    ['no azp', { azp: null }, /token-invalid-authorized-parties/],
    ['another azp', { azp: 'http://localhost:5173' }, /token-invalid-authorized-parties/],
    ['an OAuth access token (typ at+jwt)', { header: { typ: 'at+jwt' } }, /token-invalid/],
    ['typ JOSE', { header: { typ: 'JOSE' } }, /token-invalid/],
    ["Clerk's M2M category", { header: { cat: 'cl_B7d4PD333AAA' } }, /token-invalid/],
    ['an unknown category', { header: { cat: 'cl_unknown' } }, /category/],
    ['a machine subject', { sub: 'mch_1' }, /machine/],
    ['iat 60 s in the future', { issuedAt: 60 }, /token-iat-in-the-future/],
    ['a non-string sid', { extra: { sid: 42 } }, /sub\/sid/],
    ['exp before the Date range (@clerk/backend: never expires)', { extra: { exp: -1e13 } }, /invalid exp/],
    ['a fractional nbf', { extra: { nbf: Math.floor(Date.now() / 1000) - 0.5 } }, /invalid nbf/],
    ['a numeric sts', { extra: { sts: 1 } }, /invalid sts/],
  ])('rejects %s and logs why', async (_name, claims, reason) => {
    const { auth, logged } = await verify(claims);
    expect(auth).toBeNull();
    expect(logged).toEqual([expect.stringMatching(reason)]);
  });
});

describe('protectedProcedure', () => {
  const caller = (auth: Auth | null) => backendRouter.createCaller({ auth });

  it('lets an active session in and treats a pending one as signed out', async () => {
    expect(await caller(authFromClaims({ sub: 'u', sid: 's', sts: 'active' })).me()).toEqual({ userId: 'u', sessionId: 's' });
    await expect(caller(authFromClaims({ sub: 'u', sid: 's', sts: 'pending' })).me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(caller(null).me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigurationError, readAuthConfig } from '../src/auth/config';
import { authenticateRequest, bearerToken } from '../src/auth/verify-request';
import { createTestSigner, TEST_AUTHORIZED_PARTY } from './helpers/tokens';

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

  it('splits CLERK_AUTHORIZED_PARTIES and has a default', () => {
    const explicit = readAuthConfig({ CLERK_SECRET_KEY: 'sk', CLERK_AUTHORIZED_PARTIES: 'a://x, http://y ,' });
    expect(explicit.authorizedParties).toEqual(['a://x', 'http://y']);
    expect(readAuthConfig({ CLERK_SECRET_KEY: 'sk' }).authorizedParties.length).toBeGreaterThan(0);
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

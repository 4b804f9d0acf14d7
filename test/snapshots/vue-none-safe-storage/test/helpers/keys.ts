/**
 * A locally generated RSA key pair standing in for a Clerk instance's signing key, so tests verify
 * real signatures offline: through a JWKS (as fetched from the Frontend API) or a PEM public key
 * (as in CLERK_JWT_KEY).
 */
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

export const TEST_AZP = 'testapp://renderer';

export interface TestKey {
  kid: string;
  jwk: JWK;
  pem: string;
  /** A Clerk-like session token: sub, sid, azp, iat, nbf, exp (60 s by default). */
  sign(claims?: TokenClaims): Promise<string>;
}

export interface TokenClaims extends JWTPayload {
  /** Seconds from now; negative for an expired token. Default 60. */
  expiresIn?: number;
  /** Seconds from now before which the token is not valid. Default -5 (already valid). */
  notBefore?: number;
}

let keyCount = 0;

export async function createTestKey(): Promise<TestKey> {
  const kid = `test-key-${++keyCount}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const pem = await exportSPKI(publicKey);
  return {
    kid,
    jwk,
    pem,
    async sign(claims = {}) {
      const { expiresIn = 60, notBefore = -5, ...payload } = claims;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ sub: 'user_1', sid: 'sess_1', azp: TEST_AZP, ...payload })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuedAt(now)
        .setNotBefore(now + notBefore)
        .setExpirationTime(now + expiresIn)
        .sign(privateKey);
    },
  };
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An `alg: none` token with valid-looking claims: must never be accepted. */
export function unsignedToken(claims: JWTPayload = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: 'user_1', sid: 'sess_1', azp: TEST_AZP, iat: now, nbf: now - 5, exp: now + 60, ...claims };
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
}

/** A fetch that serves a JWKS (whose keys can change) and counts requests: an offline Frontend API. */
export function createJwksFetch(keys: () => JWK[]) {
  const requests: string[] = [];
  const fetchJwks = (async (input: string | URL | Request) => {
    requests.push(String(input instanceof Request ? input.url : input));
    return new Response(JSON.stringify({ keys: keys() }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetch: fetchJwks, requests };
}

/**
 * A locally generated RSA key pair standing in for a Clerk instance's signing key, so tests verify
 * real signatures offline: through a JWKS (as fetched from the Frontend API) or a PEM public key
 * (as in CLERK_JWT_KEY).
 */
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTHeaderParameters, type JWTPayload } from 'jose';

export const TEST_AZP = 'testapp://renderer';

/** The `cat` header Clerk puts on session tokens (other categories are machine tokens). */
export const SESSION_TOKEN_CATEGORY = 'cl_B7d4PD111AAA';

export interface TestKey {
  kid: string;
  jwk: JWK;
  pem: string;
  /**
   * A token shaped like a Clerk session token (v2): header `typ: JWT` and the session `cat`; claims
   * sub, sid, azp (the renderer origin), sts `active`, v, iss, jti, iat, nbf, exp (60 s by default).
   * A claim or header field given as `undefined` is left out.
   */
  sign(claims?: TokenClaims, header?: TokenHeader): Promise<string>;
  /**
   * Signs any header and payload exactly as given (objects as JSON, strings and bytes as they are)
   * with RS256: for tokens jose refuses to produce (unknown `crit`, invalid UTF-8…).
   */
  signRaw(header: string | object | Uint8Array, payload: string | object | Uint8Array): Promise<string>;
}

export interface TokenClaims extends JWTPayload {
  /** Seconds from now; negative for an expired token. Default 60. */
  expiresIn?: number;
  /** Seconds from now before which the token is not valid. Default -5 (already valid). */
  notBefore?: number;
}

/** Header fields to change; `alg` and `kid` stay the key's. */
export type TokenHeader = Omit<Partial<JWTHeaderParameters>, 'alg'> & Record<string, unknown>;

let keyCount = 0;
let tokenCount = 0;

export async function createTestKey(): Promise<TestKey> {
  const kid = `test-key-${++keyCount}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const pem = await exportSPKI(publicKey);
  return {
    kid,
    jwk,
    pem,
    async sign(claims = {}, header = {}) {
      const { expiresIn = 60, notBefore = -5, ...payload } = claims;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        sub: 'user_1',
        sid: 'sess_1',
        azp: TEST_AZP,
        sts: 'active',
        v: 2,
        iss: 'https://clerk.test.example',
        jti: `jti_${++tokenCount}`,
        iat: now,
        nbf: now + notBefore,
        exp: now + expiresIn,
        ...payload,
      })
        .setProtectedHeader({ kid, typ: 'JWT', cat: SESSION_TOKEN_CATEGORY, ...header, alg: 'RS256' })
        .sign(privateKey);
    },
    async signRaw(header, payload) {
      const encode = (part: string | object | Uint8Array) =>
        Buffer.from(typeof part === 'string' || part instanceof Uint8Array ? part : JSON.stringify(part)).toString('base64url');
      const input = `${encode(header)}.${encode(payload)}`;
      const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, Buffer.from(input));
      return `${input}.${Buffer.from(signature).toString('base64url')}`;
    },
  };
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

import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

/** A locally generated RSA key pair standing in for a Clerk instance's signing key. */
export interface TestSigner {
  /** SPKI PEM of the public half: what CLERK_JWT_KEY holds */
  publicKeyPem: string;
  sign(claims?: TokenClaims): Promise<string>;
}

export interface TokenClaims {
  sub?: string;
  sid?: string;
  /** Default TEST_AUTHORIZED_PARTY; null leaves the claim out */
  azp?: string | null;
  /** Seconds relative to now. Default 60 */
  expiresIn?: number;
  /** Seconds relative to now. Default -5 (Clerk's nbf is iat minus its allowed clock skew) */
  notBefore?: number;
  /** Seconds relative to now. Default 0 */
  issuedAt?: number;
  /** Session status. Default 'active'; null leaves the claim out */
  sts?: string | null;
  /** Header fields added or replaced (`typ`, `cat`…); an undefined value leaves the field out */
  header?: Record<string, unknown>;
  /** Any other claims, added last */
  extra?: Record<string, unknown>;
}

/** A renderer origin, as the app's tokens carry in `azp` (tests configure it as the authorized party). */
export const TEST_AUTHORIZED_PARTY = 'testapp://renderer';
/** The `cat` header of Clerk session tokens. */
export const SESSION_TOKEN_CATEGORY = 'cl_B7d4PD111AAA';

export async function createTestSigner(): Promise<TestSigner> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    publicKeyPem: await exportSPKI(publicKey as CryptoKey),
    sign: (claims = {}) => signWith(privateKey as CryptoKey, claims),
  };
}

let tokenCount = 0;

/** Shaped like a Clerk session token (v2): `typ: JWT`, the session `cat`, and Clerk's default claims. */
async function signWith(privateKey: CryptoKey, claims: TokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: claims.sub ?? 'user_test',
    sid: claims.sid ?? 'sess_test',
    azp: claims.azp === null ? undefined : (claims.azp ?? TEST_AUTHORIZED_PARTY),
    sts: claims.sts === null ? undefined : (claims.sts ?? 'active'),
    iss: 'https://clerk.test.example',
    jti: `jti_${++tokenCount}`,
    v: 2,
    iat: now + (claims.issuedAt ?? 0),
    nbf: now + (claims.notBefore ?? -5),
    exp: now + (claims.expiresIn ?? 60),
    ...claims.extra,
  };
  return new SignJWT(payload)
    .setProtectedHeader({ kid: 'ins_test', typ: 'JWT', cat: SESSION_TOKEN_CATEGORY, ...claims.header, alg: 'RS256' })
    .sign(privateKey);
}

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
  azp?: string;
  /** Seconds relative to now */
  expiresIn?: number;
  /** Seconds relative to now; omitted when undefined */
  notBefore?: number;
}

export const TEST_AUTHORIZED_PARTY = 'http://localhost:5173';

export async function createTestSigner(): Promise<TestSigner> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    publicKeyPem: await exportSPKI(publicKey as CryptoKey),
    sign: (claims = {}) => signWith(privateKey as CryptoKey, claims),
  };
}

async function signWith(privateKey: CryptoKey, claims: TokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ sid: claims.sid ?? 'sess_test', azp: claims.azp ?? TEST_AUTHORIZED_PARTY })
    .setProtectedHeader({ alg: 'RS256', kid: 'ins_test', typ: 'JWT' })
    .setSubject(claims.sub ?? 'user_test')
    .setIssuer('https://clerk.test.example')
    .setIssuedAt(now - 5)
    .setExpirationTime(now + (claims.expiresIn ?? 60));
  if (claims.notBefore !== undefined) jwt.setNotBefore(now + claims.notBefore);
  return jwt.sign(privateKey);
}

/** An unsigned token (`alg: none`) with otherwise valid claims. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

/** The same token with its signature changed. */
export function tamperSignature(token: string): string {
  const [header, payload, signature] = token.split('.');
  const bytes = Buffer.from(signature!, 'base64url');
  bytes[0] = bytes[0]! ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

/** The same signature over a payload with another user id. */
export function swapSubject(token: string, sub: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${header}.${Buffer.from(JSON.stringify({ ...claims, sub })).toString('base64url')}.${signature}`;
}

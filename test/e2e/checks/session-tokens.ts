/**
 * A locally generated RSA key pair standing in for a Clerk instance: the backend gets the public
 * half as CLERK_JWT_KEY (networkless verification), the test signs session tokens with the private half.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface TestIssuer {
  /** PEM, for CLERK_JWT_KEY */
  publicKeyPem: string;
  /** `azp` defaults to the dev server origin, one of the backend's default authorized parties. */
  sessionToken(claims: { sub: string; sid: string; azp?: string }, lifetimeSeconds?: number): string;
}

const DEV_SERVER_ORIGIN = 'http://localhost:5173';
const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export function createTestIssuer(): TestIssuer {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sessionToken: (claims, lifetimeSeconds = 300) =>
      signRs256(privateKey, { azp: DEV_SERVER_ORIGIN, ...claims }, lifetimeSeconds),
  };
}

function signRs256(privateKey: KeyObject, claims: Record<string, unknown>, lifetimeSeconds: number): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'ins_e2e' }));
  const payload = base64url(
    JSON.stringify({
      iss: 'https://clerk.e2e-placeholder.invalid',
      iat: now - 5,
      nbf: now - 5,
      exp: now + lifetimeSeconds,
      ...claims,
    }),
  );
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

/** A dotenv line the way the generated examples write PEM keys: one line, `\n` escapes, double quotes. */
export function dotenvLine(name: string, value: string): string {
  return `${name}="${value.trim().replace(/\r?\n/g, '\\n')}"`;
}

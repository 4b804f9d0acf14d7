/**
 * The stand-in instance's signing key: an RSA key pair generated per test run. Session tokens are
 * minted the way Clerk mints them (header `{ alg: RS256, kid, typ: JWT }`); main verifies them
 * through the JWKS, the backend with the PEM public key (CLERK_JWT_KEY).
 */
import { randomBytes } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half as a JWK, for `/.well-known/jwks.json` */
  publicJwk: JWK;
  /** The public half as SPKI PEM, for CLERK_JWT_KEY */
  publicKeyPem: string;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const kid = `ins_standin_${randomBytes(6).toString('hex')}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk, publicKeyPem: await exportSPKI(publicKey) };
}

export interface SessionClaims {
  sub: string;
  sid: string;
  /** The renderer's origin (Clerk takes it from the request's Origin header) */
  azp: string;
  iss: string;
  /** `pending` while a session task is left */
  sts: 'active' | 'pending';
  /** The active organization: the user's membership in it */
  org: { id: string; slug: string; role: string; permissions: string[] } | null;
}

/** Lifetime of a Clerk session token, in seconds. */
export const SESSION_TOKEN_LIFETIME_SECONDS = 60;

/**
 * A session token as Clerk's Frontend API mints it (v2 claims): `iat` now, `nbf` ten seconds
 * earlier (Clerk's allowance for clock skew), `exp` 60 s after `iat`.
 */
export function mintSessionToken(key: SigningKey, claims: SessionClaims, nowMs: number): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  const { sid, azp, sts } = claims;
  return new SignJWT({ sid, azp, sts, v: 2, fva: [0, -1], ...(claims.org ? organizationClaims(claims.org) : {}) })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(claims.iss)
    .setIssuedAt(iat)
    .setNotBefore(iat - 10)
    .setExpirationTime(iat + SESSION_TOKEN_LIFETIME_SECONDS)
    .setJti(randomBytes(10).toString('hex'))
    .sign(key.privateKey);
}

/**
 * The v2 organization claims: `o` = { id, slg, rol (without `org:`), per, fpm } and the features in
 * `fea` (`o:<feature>`). `per` lists permission names; `fpm` holds one decimal bitmap per feature,
 * in `fea` order, bit i set when the feature grants `per[i]`.
 */
function organizationClaims(org: NonNullable<SessionClaims['org']>) {
  const parsed = org.permissions.map((name) => name.split(':') as [string, string, string]);
  const features = [...new Set(parsed.map(([, feature]) => feature))];
  const names = [...new Set(parsed.map(([, , permission]) => permission))];
  const bitmap = (feature: string) =>
    names.reduce((bits, name, index) => (parsed.some(([, f, p]) => f === feature && p === name) ? bits | (1 << index) : bits), 0);
  return {
    o: {
      id: org.id,
      slg: org.slug,
      rol: org.role.replace(/^org:/, ''),
      per: names.join(','),
      fpm: features.map(bitmap).join(','),
    },
    fea: features.map((feature) => `o:${feature}`).join(','),
  };
}

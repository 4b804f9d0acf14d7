// The backend's side of sign-in: each request's session token verified (settings: ./auth-config.ts).
import { verifyToken } from '@clerk/backend';
import { decodeJwt } from '@clerk/backend/jwt';
import { authFromClaims, type AuthObject } from '../../../src/kit/shared/auth-object';
import { claimsViolation, createVerifiedTokens, headerViolation } from '../../../src/kit/shared/session-token';

// One source for ctx.auth in main and on the backend: both bundlers follow this import out of backend/.
export * from '../../../src/kit/shared/auth-object';

/**
 * `jwtKey`: the instance's PEM public key, verification without any network call; else `secretKey`:
 * @clerk/backend fetches the JWKS from `apiUrl` (default Clerk's). `authorizedParties`: origins allowed
 * in `azp` (required). `log`: where rejections are reported, the reason only (default console.warn).
 */
export interface AuthConfig {
  jwtKey?: string;
  secretKey?: string;
  apiUrl?: string;
  authorizedParties: string[];
  log?: (message: string) => void;
}

/** The verified caller; `expiresAt` (ms since epoch): when its token expires, and a stream it opened ends. */
export type Auth = AuthObject & { expiresAt?: number };

/** `Authorization: Bearer <jwt>` → the JWT, or null. Anything else (other schemes, junk) is null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9\-_.]+)$/i.exec(authorization?.trim() ?? '');
  return match ? match[1]! : null;
}

/**
 * Verifies the request's session token with Clerk (signature, algorithm, typ, exp, nbf, iat, azp required
 * and authorized) plus the rules of src/kit/shared/session-token.ts. Null for a missing or invalid token
 * (the caller answers 401 without saying why); only the reason is logged, never the token. A token that
 * passed is remembered until its `exp`: the same token again costs a lookup.
 */
export async function authenticateRequest(
  headers: Headers,
  config: AuthConfig,
  log: (message: string) => void = config.log ?? console.warn,
): Promise<Auth | null> {
  const token = bearerToken(headers.get('authorization'));
  if (!token) return null;
  const { verified, keyIds } = stateOf(config);
  const known = verified.get(token);
  if (known) return known;
  try {
    const { header } = decodeJwt(token);
    if (!config.jwtKey && !keyIds.allows(header.kid)) {
      log('auth: rejected a token (unknown key id, JWKS fetched recently)');
      return null;
    }
    const claims = await verifyToken(token, {
      jwtKey: config.jwtKey,
      secretKey: config.secretKey,
      apiUrl: config.apiUrl,
      authorizedParties: config.authorizedParties,
    });
    keyIds.verified(header.kid);
    const violation = headerViolation(token, header) ?? claimsViolation(claims);
    if (violation) {
      log(`auth: rejected a token (${violation})`);
      return null;
    }
    // Frozen: later requests with the same token get this very object.
    const auth = Object.freeze({ ...authFromClaims(claims), expiresAt: claims.exp * 1000 });
    verified.remember(token, auth, auth.expiresAt);
    return auth;
  } catch (error) {
    const reason = (error as { reason?: unknown }).reason;
    log(`auth: rejected a token (${typeof reason === 'string' ? reason : 'invalid'})`);
    return null;
  }
}

/** Per configuration: a token verified against one key or party list says nothing about another. */
const states = new WeakMap<AuthConfig, ReturnType<typeof newState>>();
const newState = () => ({ verified: createVerifiedTokens<Auth>(), keyIds: createKeyIdGate() });
function stateOf(config: AuthConfig) {
  let state = states.get(config);
  if (!state) states.set(config, (state = newState()));
  return state;
}

/**
 * Without CLERK_JWT_KEY, @clerk/backend fetches the JWKS for each key id it has not cached: forged
 * tokens with random key ids would spend the instance's rate limit. An unknown key id passes at most
 * once per cool-down (as in main); key ids that verified once always pass. Production: set CLERK_JWT_KEY.
 */
function createKeyIdGate(cooldownMs = 30_000) {
  const known = new Set<string>();
  let lastUnknownAt = Number.NEGATIVE_INFINITY;
  return {
    allows(kid: string | undefined): boolean {
      if (kid !== undefined && known.has(kid)) return true;
      if (Date.now() - lastUnknownAt < cooldownMs) return false;
      lastUnknownAt = Date.now();
      return true;
    },
    verified(kid: string | undefined): void {
      if (kid !== undefined) known.add(kid);
    },
  };
}

import { verifyToken } from '@clerk/backend';
import { decodeJwt } from '@clerk/backend/jwt';
import { authFromClaims, type AuthObject } from './auth-object';
import { sessionRuleViolation } from './session-rules';

/** The verification settings (./config.ts reads them from the environment). */
export interface AuthConfig {
  /** PEM public key of the Clerk instance: verification without any network call */
  jwtKey?: string;
  /** Used only when there is no jwtKey: @clerk/backend then fetches and caches the instance's JWKS */
  secretKey?: string;
  /** Clerk's Backend API, where the JWKS is fetched from (tests, proxies). Default Clerk's. */
  apiUrl?: string;
  /** Origins allowed in the token's `azp` claim (a token without `azp` is always refused) */
  authorizedParties: string[];
  /** Where rejected tokens are reported (the reason only, never the token). Default console.warn. */
  log?: (message: string) => void;
}

/**
 * The verified caller, shaped like @clerk/backend's signed-in auth object (./auth-object.ts).
 * `expiresAt` (ms since epoch): when the token expires; a stream it opened ends then.
 */
export type Auth = AuthObject & { expiresAt?: number };

/** `Authorization: Bearer <jwt>` → the JWT, or null. Anything else (other schemes, junk) is null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9\-_.]+)$/i.exec(authorization?.trim() ?? '');
  return match ? match[1]! : null;
}

/**
 * Verifies the request's session token with Clerk (signature, algorithm, typ, exp, nbf, iat, azp
 * required and authorized) plus this app's session rules (./session-rules.ts). Null for a missing
 * or invalid token (the caller answers 401 without saying why); only the reason is logged, never
 * the token. A token that passed is remembered until its `exp`: the same token again costs a lookup.
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
    const violation = sessionRuleViolation(token, header, claims);
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
const states = new WeakMap<AuthConfig, { verified: VerifiedTokens<Auth>; keyIds: ReturnType<typeof createKeyIdGate> }>();
function stateOf(config: AuthConfig) {
  let state = states.get(config);
  if (!state) states.set(config, (state = { verified: createVerifiedTokens(), keyIds: createKeyIdGate() }));
  return state;
}

/**
 * Without CLERK_JWT_KEY, @clerk/backend fetches the JWKS whenever a token names a key id it has not
 * cached, so forged tokens with random key ids would each cost a fetch (an anonymous way to spend the
 * instance's rate limit). An unknown key id gets through at most once per cool-down, as in main's
 * verifier; key ids that verified once always pass. A fresh process refuses a real key id for the rest
 * of a cool-down that a forged one started: set CLERK_JWT_KEY in production (no fetch at all).
 */
function createKeyIdGate(cooldownMs = 30_000, now: () => number = Date.now) {
  const known = new Set<string>();
  let lastUnknownAt = Number.NEGATIVE_INFINITY;
  return {
    allows(kid: string | undefined): boolean {
      if (kid !== undefined && known.has(kid)) return true;
      if (now() - lastUnknownAt < cooldownMs) return false;
      lastUnknownAt = now();
      return true;
    },
    verified(kid: string | undefined): void {
      if (kid !== undefined) known.add(kid);
    },
  };
}

export interface VerifiedTokens<T> {
  get(token: string): T | undefined;
  /** `expiresAtMs`: the token's `exp` in ms; a token already past it is not stored. */
  remember(token: string, value: T, expiresAtMs: number): void;
  readonly size: number;
}

/**
 * Tokens that passed every check, keyed by the exact token string (any other token is verified in
 * full), used strictly before `exp` (verifyToken's 5 s clock skew then applies to a fresh
 * verification). At most `maxEntries`: when full, expired entries go first, then the oldest. No timers.
 */
export function createVerifiedTokens<T>(maxEntries = 4096, now: () => number = () => Date.now()): VerifiedTokens<T> {
  const entries = new Map<string, { value: T; expiresAtMs: number }>();
  return {
    get(token) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (now() < entry.expiresAtMs) return entry.value;
      entries.delete(token);
      return undefined;
    },
    remember(token, value, expiresAtMs) {
      const time = now();
      if (!(time < expiresAtMs)) return;
      if (entries.size >= maxEntries) {
        for (const [key, entry] of entries) if (entry.expiresAtMs <= time) entries.delete(key);
        // Still full: drop the oldest (a Map keeps insertion order).
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      }
      entries.set(token, { value, expiresAtMs });
    },
    get size() {
      return entries.size;
    },
  };
}

// The backend's side of sign-in: each request's session token verified (settings: ./auth-config.ts).
import { verifyToken } from '@clerk/backend';
import { decodeJwt } from '@clerk/backend/jwt';
import { authFromClaims, type AuthObject } from '../../../src/kit/shared/auth-object';

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
 * Verifies the request's session token with Clerk (signature, algorithm, typ, exp, nbf, iat, azp
 * required and authorized) plus this app's session rules (below). Null for a missing or invalid
 * token (the caller answers 401 without saying why); only the reason is logged, never the token.
 * A token that passed is remembered until its `exp`: the same token again costs a lookup.
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

/**
 * Tokens that passed every check, keyed by the exact token string, used strictly before `exp` (in ms;
 * verifyToken's 5 s clock skew then applies to a fresh verification). At most `maxEntries`: when
 * full, expired entries go first, then the oldest. No timers.
 */
export function createVerifiedTokens<T>(maxEntries = 4096, now: () => number = () => Date.now()) {
  const entries = new Map<string, { value: T; expiresAtMs: number }>();
  return {
    get(token: string): T | undefined {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (now() < entry.expiresAtMs) return entry.value;
      entries.delete(token);
      return undefined;
    },
    remember(token: string, value: T, expiresAtMs: number): void {
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

/** Clerk's `cat` header values of session tokens (session, ignore); others are machine tokens. */
const SESSION_TOKEN_CATEGORIES: readonly string[] = ['cl_B7d4PD111AAA', 'cl_I7d4PD111III'];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Why a signed token is refused beyond `verifyToken`, or null; main's verifier has the same rules
 * (src/kit/README.md, "Token rules"): no `crit`, strict UTF-8 (verifyToken ignores `crit`, decodes bad
 * UTF-8 to U+FFFD); session tokens only (no other `cat`, no machine `mch_…` subject); `sub` / `sid`
 * non-empty, `sts` a string; integer `exp` / `nbf` / `iat` in the Date range (else `exp: -1e13` never expires).
 */
export function sessionRuleViolation(token: string, header: { cat?: unknown; crit?: unknown }, claims: object): string | null {
  const values = claims as Record<string, unknown>;
  if (header.crit !== undefined) return 'crit header';
  try {
    for (const part of token.split('.').slice(0, 2)) {
      strictUtf8.decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0)));
    }
  } catch {
    return 'invalid UTF-8';
  }
  if (header.cat !== undefined && !SESSION_TOKEN_CATEGORIES.includes(header.cat as string)) {
    return 'not a session token category';
  }
  const { sub, sid, sts } = values;
  if (typeof sub !== 'string' || sub === '' || typeof sid !== 'string' || sid === '') return 'no sub/sid';
  if (sub.startsWith('mch_')) return 'machine token';
  if (sts !== undefined && typeof sts !== 'string') return 'invalid sts';
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const value = values[claim];
    const inDateRange = Number.isSafeInteger(value) && Math.abs((value as number) * 1000) <= 8.64e15;
    if ((value !== undefined || claim === 'exp') && !inDateRange) return `invalid ${claim}`;
  }
  return null;
}

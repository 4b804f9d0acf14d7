/**
 * Verifies Clerk session JWTs in main with Clerk's PUBLIC keys only: the Frontend API's JWKS (host from
 * the publishable key; fetched on first use, cached, refetched for an unknown key id), or `CLERK_JWT_KEY`,
 * the PEM public key, which needs no network. Accepts only what @clerk/backend's `verifyToken` accepts as
 * a session token, stricter on inputs Clerk never issues (src/kit/README.md, "Token rules"). A verified
 * token is cached until it expires (bounded, swept on insert): one Map lookup per call.
 */
import {
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  importSPKI,
  jwtVerify,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose';
import { authFromClaims, type AuthObject } from '../../shared/auth-object';
import { jwksUrlForHost, parsePublishableKey } from '../../shared/publishable-key';

/** The verified identity of a caller, shaped like @clerk/backend's signed-in auth object, with every claim. */
export interface SessionAuth extends AuthObject {
  claims: JWTPayload;
}

export type SessionVerifier = ReturnType<typeof createSessionVerifier>;

export interface SessionVerifierOptions {
  publishableKey?: string | undefined;
  /** PEM public key: no network. */
  jwtKey?: string | undefined;
  /** Origins accepted in `azp` (a token without one is refused); empty: any `azp`. */
  authorizedParties?: readonly string[];
  /** Default: from the publishable key. */
  jwksUrl?: string;
  fetch?: typeof fetch;
  /** Minimum time between JWKS fetches, even for unknown key ids. Default 30 000 ms (jose's). */
  jwksCooldownMs?: number;
  now?: () => number;
}

/** Clerk's `cat` header values of session tokens (@clerk/backend's jwtCategories: session, ignore). */
const SESSION_TOKEN_CATEGORIES: readonly string[] = ['cl_B7d4PD111AAA', 'cl_I7d4PD111III'];
/** Largest |ms| a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;
/** As @clerk/backend. */
const SKEW_SECONDS = 5;
const MAX_CACHED_TOKENS = 256;

export function createSessionVerifier(options: SessionVerifierOptions) {
  const now = options.now ?? Date.now;
  const authorizedParties = new Set(options.authorizedParties ?? []);
  const getKey = createKeySource(options);
  const cache = new Map<string, { auth: SessionAuth; expiresAt: number }>();
  const inFlight = new Map<string, Promise<SessionAuth | null>>();

  function remember(token: string, auth: SessionAuth): void {
    if (cache.size >= MAX_CACHED_TOKENS) {
      const time = now();
      for (const [key, entry] of cache) if (entry.expiresAt <= time) cache.delete(key);
      // Still full: drop the oldest (Map keeps insertion order).
      if (cache.size >= MAX_CACHED_TOKENS) cache.delete(cache.keys().next().value!);
    }
    cache.set(token, { auth, expiresAt: ((auth.claims.exp as number) + SKEW_SECONDS) * 1000 });
  }

  async function verifyUncached(token: string): Promise<SessionAuth | null> {
    if (!getKey) return null;
    try {
      // Checked before any key lookup: a token of another kind never triggers a JWKS fetch.
      if (!isSessionTokenHeader(decodeProtectedHeader(token))) return null;
      const currentMs = now();
      const { payload } = await jwtVerify(token, getKey, {
        algorithms: ['RS256'],
        clockTolerance: SKEW_SECONDS,
        currentDate: new Date(currentMs),
      });
      const auth = sessionFromClaims(payload, { nowMs: currentMs, skewMs: SKEW_SECONDS * 1000, authorizedParties });
      if (auth) remember(token, auth);
      return auth;
    } catch {
      // Invalid signature, expired, unknown key, JWKS unreachable…: not signed in.
      return null;
    }
  }

  /** The cached result for a still-valid token, or `undefined`: call `verify`. The per-call fast path. */
  function cached(token: string): SessionAuth | undefined {
    const entry = cache.get(token);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now()) return entry.auth;
    cache.delete(token);
    return undefined;
  }

  return {
    /** False without a publishable key or CLERK_JWT_KEY: every token verifies to null. */
    configured: getKey !== null,
    cached,
    /** The identity in a valid token, or null when it is forged, expired, not yet valid or malformed. */
    verify(token: string): Promise<SessionAuth | null> {
      const hit = cached(token);
      if (hit) return Promise.resolve(hit);
      // Concurrent calls with the same new token share one verification.
      let pending = inFlight.get(token);
      if (!pending) {
        pending = verifyUncached(token).finally(() => inFlight.delete(token));
        inFlight.set(token, pending);
      }
      return pending;
    },
  };
}

/**
 * Clerk signs OAuth access tokens (`typ: at+jwt`) and machine tokens (`cat`) with the same key.
 * It sets no `crit` on session tokens (jose would accept a recognized one such as `b64`).
 */
function isSessionTokenHeader(header: ProtectedHeaderParameters): boolean {
  const { typ, cat, crit } = header as { typ?: unknown; cat?: unknown; crit?: unknown };
  return (
    (typ === undefined || typ === 'JWT') &&
    (cat === undefined || SESSION_TOKEN_CATEGORIES.includes(cat as string)) &&
    crit === undefined
  );
}

/** The session in claims whose signature is valid, or null when they break a rule. */
function sessionFromClaims(
  claims: JWTPayload,
  rules: { nowMs: number; skewMs: number; authorizedParties: ReadonlySet<string> },
): SessionAuth | null {
  const { sub, sid, azp, sts, exp, nbf, iat } = claims as Record<string, unknown>;
  // `mch_`: a machine (M2M) token, which @clerk/backend tells apart from sessions by its subject.
  if (typeof sub !== 'string' || sub === '' || sub.startsWith('mch_') || typeof sid !== 'string' || sid === '') return null;
  if (typeof azp !== 'string' || (rules.authorizedParties.size > 0 && !rules.authorizedParties.has(azp))) return null;
  if (sts !== undefined && typeof sts !== 'string') return null;

  const { nowMs, skewMs } = rules;
  if (!isDateSeconds(exp) || exp * 1000 <= nowMs - skewMs) return null;
  if (nbf !== undefined && (!isDateSeconds(nbf) || nbf * 1000 > nowMs + skewMs)) return null;
  if (iat !== undefined && (!isDateSeconds(iat) || iat * 1000 > nowMs + skewMs)) return null;

  return { ...authFromClaims(claims), claims };
}

/**
 * Whole seconds a Date can represent. @clerk/backend turns an out-of-range value into an Invalid
 * Date, whose comparisons are all false: `exp: -1e13` would never expire there.
 */
function isDateSeconds(value: unknown): value is number {
  return Number.isSafeInteger(value) && Math.abs((value as number) * 1000) <= MAX_DATE_MS;
}

type KeySource = Parameters<typeof jwtVerify>[1];

function createKeySource(options: SessionVerifierOptions): KeySource | null {
  const pem = options.jwtKey?.trim();
  if (pem) {
    // Imported once, lazily; a malformed PEM makes every verification fail (null).
    let key: ReturnType<typeof importSPKI> | undefined;
    // Env files often hold the PEM on one line with literal `\n`.
    return () => (key ??= importSPKI(pem.replace(/\\n/g, '\n'), 'RS256'));
  }
  const host = parsePublishableKey(options.publishableKey)?.frontendApiHost;
  const url = options.jwksUrl ?? (host ? jwksUrlForHost(host) : null);
  if (!url) return null;
  return createRemoteJWKSet(new URL(url), {
    ...(options.jwksCooldownMs !== undefined && { cooldownDuration: options.jwksCooldownMs }),
    ...(options.fetch && { [customFetch]: options.fetch }),
  });
}

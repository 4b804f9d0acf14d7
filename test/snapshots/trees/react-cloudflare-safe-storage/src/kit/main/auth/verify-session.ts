/**
 * Verifies Clerk session JWTs in main with Clerk's PUBLIC keys only (no secret key in the app):
 *
 * - the JWKS of the instance's Frontend API (host decoded from the publishable key), fetched on
 *   first use, cached, and refetched when a token names an unknown key id (jose's
 *   createRemoteJWKSet does both); or
 * - `CLERK_JWT_KEY`, the instance's PEM public key (Clerk dashboard → API keys → JWT public key),
 *   which needs no network at all.
 *
 * Accepts only what Clerk's own verifier (@clerk/backend `verifyToken`) accepts as a session token,
 * and is stricter where Clerk is lenient on inputs it never issues (src/kit/README.md, "Token
 * rules"; the generator's tests pin every rule):
 *
 * - header: `typ` absent or `JWT`; `cat` absent or a session category (other categories are
 *   machine tokens signed with the same key); `alg` RS256; no `crit`;
 * - claims: `sub` and `sid` non-empty strings (a `sub` starting `mch_` is a machine), `azp` present
 *   and one of the authorized parties, integer `exp` / `nbf` / `iat` within the Date range, with
 *   `exp` in the future, `nbf` and `iat` not in the future, all with a 5 s clock skew;
 * - `sts` (session status) a string when present: it is returned as {@link SessionAuth.status},
 *   and protected procedures refuse anything but `active`.
 *
 * A verified token is cached until it expires, so verifying the same token on every IPC call costs
 * one Map lookup ({@link SessionVerifier.cached}). The cache is bounded and swept on insert, with
 * no timers.
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

/**
 * The verified identity of a caller, shaped like @clerk/backend's signed-in auth object
 * (organization, `has()`: ../../shared/auth-object.ts). Only `status: 'active'` passes
 * `protectedProcedure`, as Clerk's SDKs treat a pending session as signed out.
 */
export interface SessionAuth extends AuthObject {
  /** Every claim of the verified session token. */
  claims: JWTPayload;
}

export interface SessionVerifier {
  /** False when neither a publishable key nor CLERK_JWT_KEY was given: every token verifies to null. */
  readonly configured: boolean;
  /**
   * The cached verification result of a token that is still valid, or `undefined` when it must be
   * verified with {@link verify}. Synchronous and allocation-free: the per-call fast path.
   */
  cached(token: string): SessionAuth | undefined;
  /** The identity in a valid token, or null when it is forged, expired, not yet valid or malformed. */
  verify(token: string): Promise<SessionAuth | null>;
}

export interface SessionVerifierOptions {
  /** `VITE_CLERK_PUBLISHABLE_KEY`: its Frontend API host serves the JWKS. */
  publishableKey?: string | undefined;
  /** `CLERK_JWT_KEY`: PEM public key. When set, no network is used. */
  jwtKey?: string | undefined;
  /**
   * Origins accepted in the `azp` claim (the renderer's origins). A token without `azp` is always
   * rejected; when this list is empty, any `azp` value is accepted.
   */
  authorizedParties?: readonly string[];
  /** Accepted clock difference for `exp` / `nbf` / `iat`, in seconds. Default 5 (as @clerk/backend). */
  clockSkewSeconds?: number;
  /** JWKS URL override (tests, proxies). Default: from the publishable key. */
  jwksUrl?: string;
  /** fetch used for the JWKS (tests inject one). Default: global fetch. */
  fetch?: typeof fetch;
  /**
   * After a JWKS fetch, no other fetch happens for this long even for an unknown key id (protects
   * against tokens with random key ids). Default 30 000 ms (jose's default).
   */
  jwksCooldownMs?: number;
  /** Clock in milliseconds (tests). Default Date.now. */
  now?: () => number;
  /** Most tokens kept in the cache. Default 256. */
  maxCachedTokens?: number;
}

const ALGORITHMS = ['RS256'];

/** Clerk's `cat` header values of session tokens (@clerk/backend's jwtCategories: session, ignore). */
const SESSION_TOKEN_CATEGORIES: readonly string[] = ['cl_B7d4PD111AAA', 'cl_I7d4PD111III'];
/** `sub` prefix of Clerk machine (M2M) tokens, which @clerk/backend tells apart from sessions by it. */
const MACHINE_SUBJECT_PREFIX = 'mch_';
/** Largest |ms| a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

interface CacheEntry {
  auth: SessionAuth;
  /** ms epoch after which the entry is no longer used */
  expiresAt: number;
}

export function createSessionVerifier(options: SessionVerifierOptions): SessionVerifier {
  const now = options.now ?? Date.now;
  const skewSeconds = options.clockSkewSeconds ?? 5;
  const maxEntries = options.maxCachedTokens ?? 256;
  const authorizedParties = new Set(options.authorizedParties ?? []);
  const getKey = createKeySource(options);
  const cache = new Map<string, CacheEntry>();
  const inFlight = new Map<string, Promise<SessionAuth | null>>();

  function remember(token: string, auth: SessionAuth): void {
    if (cache.size >= maxEntries) {
      const time = now();
      for (const [key, entry] of cache) if (entry.expiresAt <= time) cache.delete(key);
      // Still full: drop the oldest (Map keeps insertion order).
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    }
    cache.set(token, { auth, expiresAt: ((auth.claims.exp as number) + skewSeconds) * 1000 });
  }

  async function verifyUncached(token: string): Promise<SessionAuth | null> {
    if (!getKey) return null;
    try {
      // Checked before any key lookup: a token of another kind never triggers a JWKS fetch.
      if (!isSessionTokenHeader(decodeProtectedHeader(token))) return null;
      const currentMs = now();
      const { payload } = await jwtVerify(token, getKey, {
        algorithms: ALGORITHMS,
        clockTolerance: skewSeconds,
        currentDate: new Date(currentMs),
      });
      const auth = sessionFromClaims(payload, { nowMs: currentMs, skewMs: skewSeconds * 1000, authorizedParties });
      if (auth) remember(token, auth);
      return auth;
    } catch {
      // Invalid signature, expired, unknown key, JWKS unreachable…: not signed in, as far as main knows.
      return null;
    }
  }

  function cached(token: string): SessionAuth | undefined {
    const entry = cache.get(token);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now()) return entry.auth;
    cache.delete(token);
    return undefined;
  }

  return {
    configured: getKey !== null,
    cached,
    verify(token) {
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

interface ClaimRules {
  nowMs: number;
  skewMs: number;
  authorizedParties: ReadonlySet<string>;
}

/** The session in claims whose signature is valid, or null when they break a rule. */
function sessionFromClaims(claims: JWTPayload, rules: ClaimRules): SessionAuth | null {
  const { sub, sid, azp, sts, exp, nbf, iat } = claims as Record<string, unknown>;
  if (!isNonEmptyString(sub) || sub.startsWith(MACHINE_SUBJECT_PREFIX) || !isNonEmptyString(sid)) return null;
  if (typeof azp !== 'string' || (rules.authorizedParties.size > 0 && !rules.authorizedParties.has(azp))) return null;
  if (sts !== undefined && typeof sts !== 'string') return null;

  const { nowMs, skewMs } = rules;
  if (!isDateSeconds(exp) || exp * 1000 <= nowMs - skewMs) return null;
  if (nbf !== undefined && (!isDateSeconds(nbf) || nbf * 1000 > nowMs + skewMs)) return null;
  if (iat !== undefined && (!isDateSeconds(iat) || iat * 1000 > nowMs + skewMs)) return null;

  return { ...authFromClaims(claims), claims };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
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
    return () => (key ??= importSPKI(normalizePem(pem), 'RS256'));
  }
  const url = options.jwksUrl ?? jwksUrlFromKey(options.publishableKey);
  if (!url) return null;
  return createRemoteJWKSet(new URL(url), {
    ...(options.jwksCooldownMs !== undefined && { cooldownDuration: options.jwksCooldownMs }),
    ...(options.fetch && { [customFetch]: options.fetch }),
  });
}

function jwksUrlFromKey(publishableKey: string | undefined): string | null {
  const info = parsePublishableKey(publishableKey);
  return info ? jwksUrlForHost(info.frontendApiHost) : null;
}

/** Env files often hold the PEM on one line with literal `\n`. */
function normalizePem(pem: string): string {
  return pem.replace(/\\n/g, '\n');
}

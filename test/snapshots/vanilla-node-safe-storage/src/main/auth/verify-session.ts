/**
 * Verifies Clerk session JWTs in main with Clerk's PUBLIC keys only (no secret key in the app):
 *
 * - the JWKS of the instance's Frontend API (host decoded from the publishable key), fetched on
 *   first use, cached, and refetched when a token names an unknown key id (jose's
 *   createRemoteJWKSet does both); or
 * - `CLERK_JWT_KEY`, the instance's PEM public key (Clerk dashboard → API keys → JWT public key),
 *   which needs no network at all.
 *
 * Checks: RS256 signature, `exp` and `nbf` (with a small clock skew), `azp` against the
 * authorized parties when the token has one, and `sub` + `sid` present.
 *
 * A verified token is cached until it expires, so verifying the same token on every IPC call costs
 * one Map lookup ({@link SessionVerifier.cached}). The cache is bounded and swept on insert, with
 * no timers.
 */
import { createRemoteJWKSet, customFetch, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import { jwksUrlForHost, parsePublishableKey } from './publishable-key';

/** The verified identity of a caller. */
export interface SessionAuth {
  userId: string;
  sessionId: string;
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
  /** Origins accepted in the `azp` claim (the renderer's origins). Empty: `azp` is not checked. */
  authorizedParties?: readonly string[];
  /** Accepted clock difference for `exp` / `nbf`, in seconds. Default 5. */
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
    const exp = typeof auth.claims.exp === 'number' ? auth.claims.exp : 0;
    cache.set(token, { auth, expiresAt: (exp + skewSeconds) * 1000 });
  }

  async function verifyUncached(token: string): Promise<SessionAuth | null> {
    if (!getKey) return null;
    try {
      const { payload } = await jwtVerify(token, getKey, {
        algorithms: ALGORITHMS,
        clockTolerance: skewSeconds,
        currentDate: new Date(now()),
        requiredClaims: ['exp', 'sub', 'sid'],
      });
      if (typeof payload.sub !== 'string' || typeof payload['sid'] !== 'string') return null;
      const azp = payload['azp'];
      if (azp !== undefined && authorizedParties.size > 0 && !(typeof azp === 'string' && authorizedParties.has(azp))) {
        return null;
      }
      const auth: SessionAuth = { userId: payload.sub, sessionId: payload['sid'], claims: payload };
      remember(token, auth);
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

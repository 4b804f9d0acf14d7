/**
 * Verifies Clerk session JWTs in main with Clerk's PUBLIC keys only: the Frontend API's JWKS (host from the
 * publishable key; fetched on first use, cached, refetched for an unknown key id), or `CLERK_JWT_KEY`, the PEM
 * public key, which needs no network. Accepts only what @clerk/backend's `verifyToken` accepts as a session
 * token, stricter on inputs Clerk never issues (src/kit/README.md, "Token rules"). A verified token is cached
 * until it expires (bounded, swept on insert): one Map lookup per call.
 */
import { createRemoteJWKSet, customFetch, decodeProtectedHeader, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import { authFromClaims, type AuthObject } from '../../shared/auth-object';
import { jwksUrlForHost, parsePublishableKey } from '../../shared/publishable-key';
import { claimsViolation, createVerifiedTokens, headerViolation, SKEW_SECONDS } from '../../shared/session-token';

/** The verified identity of a caller, shaped like @clerk/backend's signed-in auth object, with every claim. */
export type SessionAuth = AuthObject & { claims: JWTPayload };

export type SessionVerifier = ReturnType<typeof createSessionVerifier>;

export interface SessionVerifierOptions {
  publishableKey?: string | undefined;
  /** PEM public key: no network. */
  jwtKey?: string | undefined;
  /** Origins accepted in `azp` (a token without one is refused); empty: any `azp`. */
  authorizedParties?: readonly string[];
  fetch?: typeof fetch;
  /** Minimum time between JWKS fetches, even for unknown key ids (concurrent ones share one). Default 30 000 ms. */
  jwksCooldownMs?: number;
  now?: () => number;
}

export function createSessionVerifier(options: SessionVerifierOptions) {
  const now = options.now ?? Date.now;
  const authorizedParties = new Set(options.authorizedParties ?? []);
  const getKey = createKeySource(options);
  const cache = createVerifiedTokens<SessionAuth>(256, now);

  /** The identity in a valid token, or null when it is forged, expired, not yet valid or malformed. */
  async function verify(token: string): Promise<SessionAuth | null> {
    const hit = cache.get(token);
    if (hit || !getKey) return hit ?? null;
    try {
      // Checked before any key lookup: a token of another kind never triggers a JWKS fetch. Clerk signs OAuth
      // access tokens (`typ: at+jwt`) and machine tokens (`cat`) with the same key.
      const header = decodeProtectedHeader(token);
      if ((header.typ !== undefined && header.typ !== 'JWT') || headerViolation(token, header)) return null;
      const currentMs = now();
      const { payload } = await jwtVerify(token, getKey, {
        algorithms: ['RS256'],
        clockTolerance: SKEW_SECONDS,
        currentDate: new Date(currentMs),
      });
      const { azp, exp } = payload;
      if (typeof azp !== 'string' || (authorizedParties.size > 0 && !authorizedParties.has(azp))) return null;
      if (claimsViolation(payload, currentMs)) return null;
      const auth: SessionAuth = { ...authFromClaims(payload), claims: payload };
      cache.remember(token, auth, (exp! + SKEW_SECONDS) * 1000);
      return auth;
    } catch {
      // Invalid signature, expired, unknown key, JWKS unreachable…: not signed in.
      return null;
    }
  }

  return {
    /** False without a publishable key or CLERK_JWT_KEY: every token verifies to null. */
    configured: getKey !== null,
    /** The cached result for a still-valid token, or `undefined`: call `verify`. The per-call fast path. */
    cached: (token: string): SessionAuth | undefined => cache.get(token),
    verify,
  };
}

function createKeySource(options: SessionVerifierOptions): Parameters<typeof jwtVerify>[1] | null {
  const pem = options.jwtKey?.trim();
  if (pem) {
    // Imported once, on first use (a malformed PEM fails every verification); env files often write its newlines as `\n`.
    let key: ReturnType<typeof importSPKI> | undefined;
    return () => (key ??= importSPKI(pem.replace(/\\n/g, '\n'), 'RS256'));
  }
  const host = parsePublishableKey(options.publishableKey)?.frontendApiHost;
  if (!host) return null;
  const url = new URL(jwksUrlForHost(host));
  return createRemoteJWKSet(url, { cooldownDuration: options.jwksCooldownMs, [customFetch]: options.fetch });
}

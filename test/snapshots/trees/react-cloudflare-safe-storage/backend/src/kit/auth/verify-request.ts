import { verifyToken } from '@clerk/backend';
import { decodeJwt } from '@clerk/backend/jwt';
import type { AuthConfig } from './auth-config';
import { authFromClaims, type AuthObject } from './auth-object';
import { createKeyIdGate, type KeyIdGate } from './jwks-cooldown';
import { sessionRuleViolation } from './session-rules';
import { createVerifiedTokens, type VerifiedTokens } from './verified-tokens';

/**
 * The verified caller, shaped like @clerk/backend's signed-in auth object (organization, `has()`:
 * ./auth-object.ts). `protectedProcedure` lets only `status: 'active'` in, as Clerk's SDKs do.
 * `expiresAt` (ms since epoch): when the token expires; a stream it opened ends then.
 */
export type Auth = AuthObject & { expiresAt?: number };

/** `Authorization: Bearer <jwt>` → the JWT, or null. Anything else (other schemes, junk) is null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9\-_.]+)$/i.exec(authorization?.trim() ?? '');
  return match ? match[1]! : null;
}

export type Logger = (message: string) => void;

/**
 * Verifies the request's session token with Clerk (signature, algorithm, typ, exp, nbf, iat, azp
 * required and authorized) plus this app's session rules (./session-rules.ts).
 * Returns null for a missing or invalid token: the caller then answers 401 without saying why.
 * Only the failure reason is logged, never the token. A token that passed is remembered until its
 * `exp` (./verified-tokens.ts): the same token again costs a Map lookup.
 */
export async function authenticateRequest(
  headers: Headers,
  config: AuthConfig,
  log: Logger = config.log ?? console.warn,
): Promise<Auth | null> {
  const token = bearerToken(headers.get('authorization'));
  if (!token) return null;
  const verified = verifiedTokensOf(config);
  const known = verified.get(token);
  if (known) return known;
  try {
    const { header } = decodeJwt(token);
    const gate = config.jwtKey ? null : keyIdGateOf(config);
    if (gate && !gate.allows(header.kid)) {
      log('auth: rejected a token (unknown key id, JWKS fetched recently)');
      return null;
    }
    const claims = await verifyToken(token, {
      jwtKey: config.jwtKey,
      secretKey: config.secretKey,
      apiUrl: config.apiUrl,
      authorizedParties: config.authorizedParties,
    });
    gate?.verified(header.kid);
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

const keyIdGates = new WeakMap<AuthConfig, KeyIdGate>();
const verifiedTokensByConfig = new WeakMap<AuthConfig, VerifiedTokens<Auth>>();

/** Per configuration: a token verified against one key or party list says nothing about another. */
function verifiedTokensOf(config: AuthConfig): VerifiedTokens<Auth> {
  let tokens = verifiedTokensByConfig.get(config);
  if (!tokens) verifiedTokensByConfig.set(config, (tokens = createVerifiedTokens()));
  return tokens;
}

function keyIdGateOf(config: AuthConfig): KeyIdGate {
  let gate = keyIdGates.get(config);
  if (!gate) keyIdGates.set(config, (gate = createKeyIdGate()));
  return gate;
}

import { verifyToken } from '@clerk/backend';
import { decodeJwt } from '@clerk/backend/jwt';
import type { AuthConfig } from './auth-config';
import { sessionRuleViolation } from './session-rules';

/** The verified caller, from the claims of its Clerk session token. */
export interface Auth {
  userId: string;
  sessionId: string;
  /**
   * Clerk's session status (`sts`): `active` (also when the token has none), `pending` (a session
   * task such as choosing an organization is still open), or a status a later Clerk adds.
   * `protectedProcedure` lets only `active` in, as Clerk's SDKs treat pending as signed out.
   */
  status: 'active' | 'pending' | (string & {});
}

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
 * Only the failure reason is logged, never the token.
 */
export async function authenticateRequest(
  headers: Headers,
  config: AuthConfig,
  log: Logger = config.log ?? console.warn,
): Promise<Auth | null> {
  const token = bearerToken(headers.get('authorization'));
  if (!token) return null;
  try {
    const claims = await verifyToken(token, {
      jwtKey: config.jwtKey,
      secretKey: config.secretKey,
      authorizedParties: config.authorizedParties,
    });
    const violation = sessionRuleViolation(token, decodeJwt(token).header, claims);
    if (violation) {
      log(`auth: rejected a token (${violation})`);
      return null;
    }
    return { userId: claims.sub, sessionId: claims.sid as string, status: (claims.sts as string | undefined) ?? 'active' };
  } catch (error) {
    const reason = (error as { reason?: unknown }).reason;
    log(`auth: rejected a token (${typeof reason === 'string' ? reason : 'invalid'})`);
    return null;
  }
}

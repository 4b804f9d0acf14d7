import { verifyToken } from '@clerk/backend';
import type { AuthConfig } from './config';

/** The verified caller, from the claims of its Clerk session token. */
export interface Auth {
  userId: string;
  sessionId: string;
}

/** `Authorization: Bearer <jwt>` → the JWT, or null. Anything else (other schemes, junk) is null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9\-_.]+)$/i.exec(authorization?.trim() ?? '');
  return match ? match[1]! : null;
}

export type Logger = (message: string) => void;

/**
 * Verifies the request's session token with Clerk (signature, algorithm, exp, nbf, azp).
 * Returns null for a missing or invalid token: the caller then answers 401 without saying why.
 * Only the failure reason is logged, never the token.
 */
export async function authenticateRequest(
  headers: Headers,
  config: AuthConfig,
  log: Logger = console.warn,
): Promise<Auth | null> {
  const token = bearerToken(headers.get('authorization'));
  if (!token) return null;
  try {
    const claims = await verifyToken(token, {
      jwtKey: config.jwtKey,
      secretKey: config.secretKey,
      authorizedParties: config.authorizedParties,
    });
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') {
      log('auth: rejected a token without sub/sid claims');
      return null;
    }
    return { userId: claims.sub, sessionId: claims.sid };
  } catch (error) {
    const reason = (error as { reason?: unknown }).reason;
    log(`auth: rejected a token (${typeof reason === 'string' ? reason : 'invalid'})`);
    return null;
  }
}

/**
 * A session verifier that refuses the sessions of a sign-out: after the user signs out in one
 * window, another window's Clerk may still hold a session token that is valid for up to a minute.
 * Its signature and expiry are fine, so only main's memory of the sign-out can refuse it.
 *
 * Clerk gives every sign-in a new session id, so a revoked id never needs to come back. Memory only,
 * bounded (the oldest ids go first), no timers.
 */
import { decodeJwt } from 'jose';

import type { SessionAuth, SessionVerifier } from '../auth/verify-session';
import type { IpcCallInfo } from '../../ipc/main/handler';

export interface RevocableVerifier extends SessionVerifier {
  revoke(sessionIds: Iterable<string>): void;
  isRevoked(sessionId: string): boolean;
  /** Whether a token (verified or not) belongs to a revoked session. */
  isRevokedToken(token: string): boolean;
}

/**
 * The IPC context without the token of a revoked session: main must not forward it to the backend,
 * which would still accept it until it expires. Wraps `createContext` (main/index.ts).
 */
export function withoutRevokedTokens<C>(
  createContext: (call: IpcCallInfo) => C,
  verifier: Pick<RevocableVerifier, 'isRevokedToken'>,
): (call: IpcCallInfo) => C {
  return (call) => createContext(call.token !== null && verifier.isRevokedToken(call.token) ? { ...call, token: null } : call);
}

export function createRevocableVerifier(inner: SessionVerifier, maxRevoked = 256): RevocableVerifier {
  const revoked = new Set<string>();
  const allowed = (auth: SessionAuth | null | undefined): boolean => auth != null && !revoked.has(auth.sessionId);
  return {
    get configured() {
      return inner.configured;
    },
    cached(token) {
      const auth = inner.cached(token);
      // `undefined` sends the caller to `verify`, which answers null for a revoked session.
      return allowed(auth) ? auth : undefined;
    },
    async verify(token) {
      const auth = await inner.verify(token);
      return allowed(auth) ? auth : null;
    },
    revoke(sessionIds) {
      for (const id of sessionIds) {
        revoked.delete(id);
        revoked.add(id);
        if (revoked.size > maxRevoked) revoked.delete(revoked.values().next().value!);
      }
    },
    isRevoked: (sessionId) => revoked.has(sessionId),
    isRevokedToken(token) {
      if (revoked.size === 0) return false;
      try {
        const { sid } = decodeJwt(token);
        return typeof sid === 'string' && revoked.has(sid);
      } catch {
        return false;
      }
    },
  };
}

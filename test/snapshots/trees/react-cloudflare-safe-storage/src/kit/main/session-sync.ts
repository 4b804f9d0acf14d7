/**
 * One sign-in state for every window: a page's Clerk reads the shared client token only when it loads, so when
 * one window signs in or out main tells the others (a `session` message). A sign-out also forgets every window's
 * token and revokes its session ids, so a token another page still holds (up to a minute) is refused. Main learns
 * of a sign-out from a window's user going to null or Clerk clearing the client token (app.ts).
 */
import { decodeJwt } from 'jose';
import type { SessionAuth, SessionVerifier } from './auth/verify-session';
import type { IdentityChange, IpcCallInfo } from '../ipc/main/handler';
import type { SessionMessage } from '../ipc/protocol';

type SessionSyncTarget = {
  forgetTokens(): SessionAuth[];
  broadcast(message: SessionMessage, exceptWindowId?: number): void;
  revoke(sessionIds: string[]): void;
};

/** `attach` connects the IPC registration (created after the sync); `identityChanged` is its `onIdentityChange`. */
export function createSessionSync(
  options: { onSignedOut?: (signedOut: { sessionIds: string[]; userIds: string[] }) => void } = {},
) {
  let target: SessionSyncTarget | null = null;

  function signedOut(fromWindowId: number | undefined, previous: SessionAuth | null): void {
    const identities = [...(previous ? [previous] : []), ...(target?.forgetTokens() ?? [])];
    const sessionIds = [...new Set(identities.map((auth) => auth.sessionId))];
    target?.revoke(sessionIds);
    target?.broadcast({ type: 'session', userId: null, orgId: null }, fromWindowId);
    options.onSignedOut?.({ sessionIds, userIds: [...new Set(identities.map((auth) => auth.userId))] });
  }

  return {
    attach: (next: SessionSyncTarget) => void (target = next),
    identityChanged({ windowId, previous, next }: IdentityChange): void {
      if (next === null) signedOut(windowId, previous);
      else target?.broadcast({ type: 'session', userId: next.userId, orgId: next.orgId ?? null }, windowId);
    },
    clientTokenCleared: (windowId?: number) => signedOut(windowId, null),
  };
}

/** Channel of @clerk/electron's handler that deletes the long-lived client token. */
export const CLERK_CLEAR_TOKEN_CHANNEL = 'clerk:token-cache:clear';

/** The IPC context without the token of a revoked session: the backend would still accept it until it expires. */
export function withoutRevokedTokens<C>(
  createContext: (call: IpcCallInfo) => C,
  verifier: { isRevokedToken(token: string): boolean },
): (call: IpcCallInfo) => C {
  return (call) => createContext(call.token !== null && verifier.isRevokedToken(call.token) ? { ...call, token: null } : call);
}

/** Refuses signed-out sessions, whose tokens are otherwise valid; a sign-in gets a new id. Bounded (oldest go first). */
export function createRevocableVerifier(inner: SessionVerifier, maxRevoked = 256) {
  const revoked = new Set<string>();
  const allowed = (auth: SessionAuth | null | undefined): boolean => auth != null && !revoked.has(auth.sessionId);
  return {
    get configured() {
      return inner.configured;
    },
    cached(token: string): SessionAuth | undefined {
      const auth = inner.cached(token);
      // `undefined` sends the caller to `verify`, which answers null for a revoked session.
      return allowed(auth) ? auth : undefined;
    },
    async verify(token: string): Promise<SessionAuth | null> {
      const auth = await inner.verify(token);
      return allowed(auth) ? auth : null;
    },
    revoke(sessionIds: Iterable<string>): void {
      for (const id of sessionIds) {
        revoked.delete(id);
        revoked.add(id);
        if (revoked.size > maxRevoked) revoked.delete(revoked.values().next().value!);
      }
    },
    isRevoked: (sessionId: string): boolean => revoked.has(sessionId),
    isRevokedToken(token: string): boolean {
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

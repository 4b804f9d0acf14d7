/**
 * One sign-in state for every window. The windows share Clerk's client token (kept by main), but a
 * page's Clerk reads it only when it loads. So when one window signs in or out, main tells the others
 * (a `session` message, followSessionChanges in src/kit/ipc/renderer/link.ts); on a sign-out it also forgets every
 * window's session token and revokes the signed-out session ids, so a token another page still holds
 * (valid for up to a minute) is refused until that page has reloaded.
 *
 * Main learns of a sign-out when a window's verified user goes to `token: null`, or when Clerk clears
 * the client token (`clerk:token-cache:clear`, seen by {@link withInvokeObserver}); of a sign-in or
 * switch when a window's user or organization changes.
 */
import { decodeJwt } from 'jose';
import type { SessionAuth, SessionVerifier } from './auth/verify-session';
import { withWrappedHandlers, type IpcMainHandleLike } from './security/enforce';
import type { IdentityChange, IpcCallInfo } from '../ipc/main/handler';
import type { SessionMessage } from '../ipc/protocol';

/** What the sync drives: the IPC registration (src/kit/ipc/main/handler.ts) and the verifier. */
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
    const known = target?.forgetTokens() ?? [];
    const identities = [...(previous ? [previous] : []), ...known];
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

/** Tells main when a library's IPC handler succeeded; nested inside `withOriginCheckedHandlers`, it sees checked calls only. */
export function withInvokeObserver<T>(
  ipcMain: IpcMainHandleLike,
  onHandled: (channel: string, event: { readonly sender?: { readonly id: number } }) => void,
  register: () => T,
): T {
  return withWrappedHandlers(
    ipcMain,
    (channel, listener) =>
      async (event, ...args) => {
        const result = await listener(event, ...args);
        onHandled(channel, event);
        return result;
      },
    register,
  ).result;
}

/** The IPC context without the token of a revoked session: the backend would still accept it until it expires. */
export function withoutRevokedTokens<C>(
  createContext: (call: IpcCallInfo) => C,
  verifier: { isRevokedToken(token: string): boolean },
): (call: IpcCallInfo) => C {
  return (call) => createContext(call.token !== null && verifier.isRevokedToken(call.token) ? { ...call, token: null } : call);
}

/**
 * A verifier that refuses the sessions of a sign-out: their tokens' signature and expiry are fine,
 * so only main's memory can refuse them. Every sign-in gets a new session id, so a revoked id never
 * comes back. Memory only, bounded (the oldest ids go first).
 */
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

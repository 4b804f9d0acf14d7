/**
 * One sign-in state for every window. The windows share Clerk's long-lived client token (main keeps
 * it, src/kit/main/storage), but each page's Clerk only reads it when it loads. So when one window signs
 * in or out, main tells the others (a `session` message on the response channel, see
 * src/kit/renderer/session-changes.ts), and on a sign-out it also:
 *
 * - forgets every window's session token (main's own work can no longer use a stale one), and
 * - revokes the signed-out session ids in the verifier, so that a session token another page still
 *   holds is refused until that page has reloaded (./revocable-verifier.ts).
 *
 * Main learns of a sign-out when a window's verified user goes to `token: null` (a real sign-out:
 * an offline renderer flags its missing token as unavailable instead), or when Clerk clears the
 * client token (`clerk:token-cache:clear`, observed with ./invoke-observer.ts). It learns of a
 * sign-in when a window's user goes from nobody to someone, of a switch when its user or organization changes.
 */
import type { SessionAuth } from '../auth/verify-session';
import type { IdentityChange } from '../../ipc/main/handler';
import type { SessionMessage } from '../../ipc/protocol';

/** What the sync drives: src/kit/ipc/main/electron-glue.ts's registration and the verifier. */
export interface SessionSyncTarget {
  forgetTokens(): SessionAuth[];
  broadcast(message: SessionMessage, exceptWindowId?: number): number;
  /** Refuse these sessions from now on (./revocable-verifier.ts `revoke`). */
  revoke(sessionIds: string[]): void;
}

export interface SessionSyncOptions {
  /** Told after a sign-out, e.g. to drop per-user caches (src/kit/main/remote/offline). */
  onSignedOut?: (signedOut: { sessionIds: string[]; userIds: string[] }) => void;
}

export interface SessionSync {
  /** Connect to the IPC registration (created after the sync, which its options need). */
  attach(target: SessionSyncTarget): void;
  /** Pass as the IPC handler's `onIdentityChange`. */
  identityChanged(change: IdentityChange): void;
  /** Clerk cleared the client token (sign-out), from `windowId` when known. */
  clientTokenCleared(windowId?: number): void;
}

export function createSessionSync(options: SessionSyncOptions = {}): SessionSync {
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
    attach(next) {
      target = next;
    },
    identityChanged({ windowId, previous, next }) {
      if (next === null) signedOut(windowId, previous);
      else target?.broadcast({ type: 'session', userId: next.userId, orgId: next.orgId ?? null }, windowId);
    },
    clientTokenCleared(windowId) {
      signedOut(windowId, null);
    },
  };
}

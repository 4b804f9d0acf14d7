/**
 * Follows sign-ins, sign-outs and organization switches made in the app's other windows (main sends
 * a `session` message, see src/kit/main/session-sync). The windows share Clerk's client through main,
 * but a page's Clerk reads it only when it loads: a page that shows another user or organization than
 * the app now has reloads.
 *
 *   followSessionChanges(window.appTrpc, () => (clerk.loaded ? { userId: clerk.user?.id ?? null, orgId: clerk.organization?.id ?? null } : undefined), () => location.reload());
 */
import type { IpcBridge } from '../ipc/protocol';

/** Who this page's Clerk shows: `userId` null when signed out, `orgId` null without an active organization. */
export interface ShownIdentity {
  userId: string | null;
  orgId: string | null;
}

/**
 * `shown`: undefined while Clerk is loading (it reads the shared client then anyway). Returns the
 * unsubscribe function.
 */
export function followSessionChanges(bridge: IpcBridge, shown: () => ShownIdentity | undefined, reload: () => void): () => void {
  return bridge.onMessage((message) => {
    if (message.type !== 'session') return;
    const current = shown();
    if (current === undefined) return;
    // Signed out here and elsewhere: no organization to compare.
    if (current.userId !== message.userId || (message.userId !== null && current.orgId !== message.orgId)) reload();
  });
}

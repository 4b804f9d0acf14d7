/**
 * Follows sign-ins, sign-outs and organization switches made in the app's other windows (main sends
 * a `session` message, src/kit/main/session-sync). A page's Clerk reads the shared client only when
 * it loads, so a page that shows another user or organization than the app now has reloads.
 */
import type { IpcBridge } from '../ipc/protocol';

/** Who this page's Clerk shows: `userId` null when signed out, `orgId` null without an active organization. */
export interface ShownIdentity {
  userId: string | null;
  orgId: string | null;
}

/** `shown`: undefined while Clerk is loading (it reads the shared client then anyway). Returns the unsubscribe. */
export function followSessionChanges(bridge: IpcBridge, shown: () => ShownIdentity | undefined, reload: () => void): () => void {
  return bridge.onMessage((message) => {
    if (message.type !== 'session') return;
    const current = shown();
    if (current === undefined) return;
    // Signed out here and elsewhere: no organization to compare.
    if (current.userId !== message.userId || (message.userId !== null && current.orgId !== message.orgId)) reload();
  });
}

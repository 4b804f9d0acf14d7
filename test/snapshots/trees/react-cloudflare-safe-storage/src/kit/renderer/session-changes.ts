/**
 * Follows sign-ins, sign-outs and organization switches made in the app's other windows (main sends
 * a `session` message, src/kit/main/session-sync). A page's Clerk reads the shared client only when
 * it loads, so a page that shows another user or organization than the app now has reloads.
 */
import type { IpcBridge } from '../ipc/protocol';

/** Who this page's Clerk shows (null: signed out, no active organization); undefined while Clerk loads. */
type Shown = () => { userId: string | null; orgId: string | null } | undefined;

/** Returns the unsubscribe function. */
export function followSessionChanges(bridge: IpcBridge, shown: Shown, reload: () => void): () => void {
  return bridge.onMessage((message) => {
    if (message.type !== 'session') return;
    const current = shown();
    if (current === undefined) return;
    // Signed out here and elsewhere: no organization to compare.
    if (current.userId !== message.userId || (message.userId !== null && current.orgId !== message.orgId)) reload();
  });
}

/**
 * Follows sign-ins and sign-outs made in the app's other windows (main sends a `session` message,
 * see src/main/session-sync). The windows share Clerk's client token through main, but a page's
 * Clerk reads it only when it loads: a page that shows another user than the app now has reloads.
 *
 *   followSessionChanges(window.appTrpc, () => (clerk.loaded ? (clerk.user?.id ?? null) : undefined), () => location.reload());
 */
import type { IpcBridge } from '../../../ipc/protocol';

/**
 * `currentUserId`: the user this page's Clerk shows, null when signed out, undefined while Clerk is
 * loading (it reads the shared client token then anyway). Returns the unsubscribe function.
 */
export function followSessionChanges(
  bridge: IpcBridge,
  currentUserId: () => string | null | undefined,
  reload: () => void,
): () => void {
  return bridge.onMessage((message) => {
    if (message.type !== 'session') return;
    const current = currentUserId();
    if (current !== undefined && current !== message.userId) reload();
  });
}

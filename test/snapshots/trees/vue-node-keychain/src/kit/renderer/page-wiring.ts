/**
 * What every window's page does with its clerk-js instance (Vue and vanilla; React does the same in its components): tell
 * the connection watcher when Clerk has loaded or failed (so "Connecting to Clerk…" cannot last forever), and follow
 * sign-ins, sign-outs and organization switches made in the app's other windows.
 */
import type { Clerk } from '@clerk/clerk-js';

import { followSessionChanges } from '../ipc/renderer/link';
import { pageConnection } from './connection-watcher';

type ClerkLike = Pick<Clerk, 'status' | 'loaded' | 'user' | 'organization' | 'on'>;

/**
 * Clerk counts as connected once it has loaded AND its UI components arrived from the Frontend API
 * (`uiReady`: the `ui.ClerkUI` promise of `nativeLoadOptions`): without the Frontend API, clerk-js
 * may still finish loading ("degraded"), but there would be no sign-in form to show.
 */
export function reportClerkConnection(clerk: Pick<ClerkLike, 'status' | 'loaded' | 'on'>, uiReady: Promise<unknown>): void {
  const { watcher } = pageConnection();
  let ui: 'waiting' | 'ready' | 'failed' = 'waiting';
  const report = (): void => {
    if (ui === 'ready' && (clerk.loaded || clerk.status === 'ready' || clerk.status === 'degraded')) watcher.loaded();
    else if (clerk.status === 'error') watcher.failed('Clerk could not load.');
  };
  uiReady.then(
    () => {
      ui = 'ready';
      report();
    },
    (error: unknown) => {
      ui = 'failed';
      watcher.failed(
        `Clerk's sign-in components could not be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`,
      );
    },
  );
  report();
  clerk.on('status', report);
}

export function wirePage(clerk: ClerkLike, uiReady: Promise<unknown>): void {
  reportClerkConnection(clerk, uiReady);
  followSessionChanges(clerk);
}

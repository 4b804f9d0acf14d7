/**
 * Clerk's code (clerk-js and @clerk/vue, most of the page's JavaScript) is not needed to paint the
 * app's frame: it loads as a separate chunk after the first paint, and the components that use
 * @clerk/vue are wrapped in `afterClerk()`, so they load once Clerk is installed on the app.
 */
import type { Clerk } from '@clerk/clerk-js';
import { defineAsyncComponent, type App, type Component } from 'vue';

import { afterFirstPaint } from './after-first-paint';
import { pageConnection } from './connection-watcher';

let clerk: Clerk | undefined;
let installed: () => void;
const clerkInstalled = new Promise<void>((resolve) => (installed = resolve));

export function loadClerk(app: App, publishableKey: string): void {
  afterFirstPaint(() =>
    import('./clerk-vue').then(
      ({ startNativeClerk }) => {
        clerk = startNativeClerk(app, publishableKey);
        installed();
      },
      (error: unknown) => pageConnection().watcher.failed(`Clerk's code could not be loaded (${String(error)}).`),
    ),
  );
}

/** The page's Clerk, undefined until its code has loaded (the tRPC link then sends no token). */
export const loadedClerk = (): Clerk | undefined => clerk;

/** A component that uses @clerk/vue, shown once Clerk is installed (`loading` until then). */
export function afterClerk(load: () => Promise<{ default: Component }>, loading?: Component): Component {
  return defineAsyncComponent({ loader: () => clerkInstalled.then(load), loadingComponent: loading, delay: 0 });
}

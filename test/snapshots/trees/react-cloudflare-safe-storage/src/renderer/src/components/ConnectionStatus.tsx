/**
 * What the page says about its connection (src/renderer/src/lib/connection-watcher.ts):
 *
 * - `<ConnectingToClerk />` in place of an endless "Connecting to Clerk…": after a bounded wait, what
 *   failed and a Retry (the page also retries by itself, and at once when the network is back);
 * - `<OfflineBanner />` once Clerk has loaded: "You are offline", the user staying signed in.
 */
import { useClerk } from '@clerk/electron/react';
import { useEffect, useSyncExternalStore } from 'react';

import { describeConnection } from '../lib/connection-watcher';
import { pageConnection } from '../lib/page-connection';

function useConnection() {
  const connection = pageConnection();
  return useSyncExternalStore(connection.subscribe, connection.get);
}

/** Tells the watcher when Clerk has loaded or failed. Render once, inside <ClerkProvider>. */
export function ClerkConnectionReporter() {
  const clerk = useClerk();
  useEffect(() => {
    const { watcher } = pageConnection();
    const report = (): void => {
      if (clerk.loaded) watcher.loaded();
      else if (clerk.status === 'error') watcher.failed('Clerk could not load.');
    };
    report();
    return clerk.addListener?.(report) ?? undefined;
  }, [clerk]);
  useEffect(() => {
    if (clerk.loaded) pageConnection().watcher.loaded();
  });
  return null;
}

export function ConnectingToClerk() {
  const state = useConnection();
  const text = describeConnection(state);
  if (state.phase !== 'unreachable' || !text) return <p className="muted centered">Connecting to Clerk…</p>;
  return (
    <div className="card error connection-offline" role="alert">
      <h2>{text.title}</h2>
      <p>{text.detail}</p>
      <button type="button" onClick={() => pageConnection().watcher.retryNow()}>
        Retry
      </button>
    </div>
  );
}

export function OfflineBanner() {
  const state = useConnection();
  const text = describeConnection(state);
  if (state.phase !== 'ready' || !text) return null;
  return (
    <div className="update-banner muted connection-offline" role="status">
      <span>
        <strong>{text.title}.</strong> {text.detail}
      </span>
    </div>
  );
}

/** Loads Clerk again (a reload); for the "Clerk could not load" card. */
export function RetryButton() {
  return (
    <button type="button" onClick={() => pageConnection().watcher.retryNow()}>
      Retry
    </button>
  );
}

/**
 * What the page says about its connection (src/kit/renderer/connection-watcher.ts): what failed and
 * a Retry instead of an endless "Connecting to Clerk…"; "You are offline" once Clerk has loaded.
 */
import { useClerk } from '@clerk/electron/react';
import { useEffect, useSyncExternalStore } from 'react';

import { describeConnection, pageConnection } from '../../../kit/renderer/connection-watcher';

function useConnection() {
  const connection = pageConnection();
  return useSyncExternalStore(connection.subscribe, connection.get);
}

/** Tells the watcher when Clerk has loaded or failed. Render once, inside <ClerkProvider>. */
export function ClerkConnectionReporter() {
  const clerk = useClerk();
  useEffect(() => {
    const report = (): void => {
      if (clerk.loaded) pageConnection().watcher.loaded();
      else if (clerk.status === 'error') pageConnection().watcher.failed('Clerk could not load.');
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
    <div className="card error" role="alert">
      <h2>{text.title}</h2>
      <p>{text.detail}</p>
      <RetryButton />
    </div>
  );
}

export function OfflineBanner() {
  const state = useConnection();
  const text = describeConnection(state);
  if (state.phase !== 'ready' || !text) return null;
  return (
    <div className="banner muted" role="status">
      <span>
        <strong>{text.title}.</strong> {text.detail}
      </span>
    </div>
  );
}

/** Loads Clerk again (a reload). */
export function RetryButton() {
  return (
    <button type="button" onClick={() => pageConnection().watcher.retryNow()}>
      Retry
    </button>
  );
}

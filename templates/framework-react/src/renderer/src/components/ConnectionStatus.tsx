/**
 * What the page says about its connection (src/kit/renderer/connection-watcher.ts): what failed and
 * a Retry instead of an endless "Connecting to Clerk…"; "You are offline" once Clerk has loaded.
 */
import { useSyncExternalStore, type ReactNode } from 'react';

import { describeConnection, pageConnection } from '../../../kit/renderer/connection-watcher';

function useConnection() {
  const connection = pageConnection();
  return useSyncExternalStore(connection.subscribe, connection.get);
}

export function ConnectingToClerk() {
  const state = useConnection();
  const text = describeConnection(state);
  if (state.phase !== 'unreachable' || !text) return <p className="muted centered">Connecting to Clerk…</p>;
  return <RetryCard title={text.title}>{text.detail}</RetryCard>;
}

/** What failed, and a Retry that loads Clerk again (a reload). */
export function RetryCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="card error" role="alert">
      <h2>{title}</h2>
      <p>{children}</p>
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
    <div className="banner muted" role="status">
      <span>
        <strong>{text.title}.</strong> {text.detail}
      </span>
    </div>
  );
}

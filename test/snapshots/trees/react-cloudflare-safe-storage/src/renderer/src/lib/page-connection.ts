/**
 * The page's one connection watcher (./connection-watcher.ts) with the browser's clock, network
 * events and a reload as retry, as a tiny store every framework can subscribe to. Created on first
 * use, so pages without a publishable key (the setup screen) never start it.
 */
import {
  browserConnectionDeps,
  createConnectionWatcher,
  resetRetryCount,
  type ConnectionState,
  type ConnectionWatcher,
} from './connection-watcher';

export interface PageConnection {
  readonly watcher: ConnectionWatcher;
  /** Current state; `subscribe` returns the unsubscribe function. */
  get(): ConnectionState;
  subscribe(listener: () => void): () => void;
}

let page: PageConnection | undefined;

export function pageConnection(): PageConnection {
  if (page) return page;
  const listeners = new Set<() => void>();
  const watcher = createConnectionWatcher({
    ...browserConnectionDeps(),
    onChange: (state) => {
      if (state.phase === 'ready') resetRetryCount();
      for (const listener of listeners) listener();
    },
  });
  page = {
    watcher,
    get: () => watcher.state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return page;
}

/**
 * Whether the page can reach Clerk, for every framework's UI. The watcher is pure logic (clock,
 * network events and retry injected); `pageConnection()` is the page's one watcher on the browser's.
 *
 *   connecting ──(Clerk loaded)──────────────► ready { online }
 *       │   └─(no answer in `timeoutMs`, or Clerk failed)──► unreachable { reason, attempt, retryAt }
 *       ▲                                                      │
 *       └────────── retry: after a capped backoff, at once on `online`, or the user's "Retry" ─┘
 *
 * Timers run only while waiting. Offline while ready, the user stays signed in (Clerk's client
 * token is still valid): only what the UI says changes.
 */

export type ConnectionState =
  | { phase: 'connecting' }
  /** Clerk loaded. `online` false: the network is gone, data from the backend may be stale. */
  | { phase: 'ready'; online: boolean }
  /** Clerk never loaded. `retryAt`: when the next automatic retry runs (ms epoch), null = on `online` only. */
  | { phase: 'unreachable'; reason: string; attempt: number; retryAt: number | null };

export interface ConnectionWatcherOptions {
  clock: { now(): number; setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  /** `onOnline` and `onOffline` return their unsubscribe function. */
  events: { isOnline(): boolean; onOnline(listener: () => void): () => void; onOffline(listener: () => void): () => void };
  /** Start loading Clerk again (the page reloads). */
  retry: (attempt: number) => void;
  onChange?: (state: ConnectionState) => void;
  /** How long "Connecting to Clerk…" may last. Default 10 s. */
  timeoutMs?: number;
  /** Retries already made before this page (a retry reloads the page). Default 0. */
  attempt?: number;
}

export const MAX_BACKOFF_MS = 60_000;
const TARGET = "Clerk's Frontend API";

/** Wait before the n-th automatic retry (n ≥ 1): 2 s doubling, capped. */
export const defaultBackoffMs = (attempt: number): number => Math.min(2000 * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);

export function createConnectionWatcher(options: ConnectionWatcherOptions) {
  const { clock, events } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let attempt = options.attempt ?? 0;
  let state: ConnectionState = { phase: 'connecting' };
  let timer: unknown = null;
  let disposed = false;

  const stopTimer = (): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const set = (next: ConnectionState): void => {
    state = next;
    options.onChange?.(next);
  };
  const waitForClerk = (): void => {
    timer = clock.setTimeout(() => unreachable(`${TARGET} did not answer within ${Math.round(timeoutMs / 1000)} s.`), timeoutMs);
  };

  function unreachable(reason: string): void {
    if (disposed || state.phase !== 'connecting') return;
    stopTimer();
    // Offline, the `online` event is the retry signal: no timer until the network is back.
    const offline = !events.isOnline();
    const delay = offline ? null : defaultBackoffMs(attempt + 1);
    if (delay !== null) timer = clock.setTimeout(() => retry(), delay);
    set({
      phase: 'unreachable',
      reason: offline ? `This computer is offline: ${TARGET} cannot be reached.` : reason,
      attempt,
      retryAt: delay === null ? null : clock.now() + delay,
    });
  }

  /** `byUser`: the Retry button, which also works while Clerk reports a failure the watcher has not seen. */
  function retry(byUser = false): void {
    if (disposed || (state.phase !== 'unreachable' && !byUser)) return;
    stopTimer();
    attempt++;
    set({ phase: 'connecting' });
    waitForClerk();
    options.retry(attempt);
  }

  const offOnline = events.onOnline(() => {
    if (state.phase === 'ready') set({ phase: 'ready', online: true });
    else retry();
  });
  const offOffline = events.onOffline(() => {
    if (state.phase === 'ready') set({ phase: 'ready', online: false });
    else if (state.phase === 'unreachable' && timer !== null) {
      stopTimer(); // nothing to retry until the network is back
      set({ ...state, retryAt: null });
    }
  });
  waitForClerk();

  return {
    get state(): ConnectionState {
      return state;
    },
    /** Clerk finished loading. */
    loaded() {
      if (disposed || state.phase === 'ready') return;
      stopTimer();
      set({ phase: 'ready', online: events.isOnline() });
    },
    /** Clerk reported that it could not load. */
    failed: (reason: string) => unreachable(reason),
    /** The user's "Retry". */
    retryNow: () => retry(true),
    dispose() {
      disposed = true;
      stopTimer();
      offOnline();
      offOffline();
    },
  };
}

/** One line for the UI: what is going on and what the user can do. */
export function describeConnection(state: ConnectionState): { title: string; detail: string } | null {
  if (state.phase === 'unreachable') {
    const next = state.retryAt === null ? 'The app retries when the network is back.' : 'The app retries by itself.';
    return { title: 'Cannot reach Clerk', detail: `${state.reason} ${next}` };
  }
  if (state.phase === 'ready' && !state.online) {
    const detail = 'You stay signed in. Data from the server may be out of date until the network is back.';
    return { title: 'You are offline', detail };
  }
  return null;
}

/** Where the retry count survives the reload a retry does. */
const ATTEMPT_KEY = 'connection-watcher:attempt';

let page: ReturnType<typeof createPageConnection> | undefined;

/**
 * The page's watcher on the browser's clock and network events, a retry reloading the page, as a
 * tiny store every framework subscribes to. Created on first use: the setup screen never starts it.
 */
export const pageConnection = () => (page ??= createPageConnection());

function createPageConnection() {
  const listeners = new Set<() => void>();
  const on = (name: 'online' | 'offline') => (listener: () => void) => {
    window.addEventListener(name, listener);
    return () => window.removeEventListener(name, listener);
  };
  const watcher = createConnectionWatcher({
    clock: {
      now: () => Date.now(),
      setTimeout: (callback, ms) => window.setTimeout(callback, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
    },
    events: { isOnline: () => navigator.onLine, onOnline: on('online'), onOffline: on('offline') },
    retry: (attempt) => {
      sessionStorage.setItem(ATTEMPT_KEY, String(attempt));
      window.location.reload();
    },
    attempt: Number(sessionStorage.getItem(ATTEMPT_KEY) ?? 0) || 0,
    onChange: (state) => {
      // Loaded: the next failure starts the backoff from the beginning.
      if (state.phase === 'ready') sessionStorage.removeItem(ATTEMPT_KEY);
      for (const listener of listeners) listener();
    },
  });
  return {
    watcher,
    get: () => watcher.state,
    /** Returns the unsubscribe function. */
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

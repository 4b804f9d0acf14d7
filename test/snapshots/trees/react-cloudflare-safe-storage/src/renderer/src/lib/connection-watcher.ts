/**
 * Whether the page can reach Clerk, for every framework's UI. Pure logic: the clock, the browser's
 * `online` / `offline` events and the retry action are injected (see `browserConnectionDeps`).
 *
 *   connecting ──(Clerk loaded)──────────────► ready { online }
 *       │   └─(no answer in `timeoutMs`, or Clerk failed)──► unreachable { reason, attempt, retryAt }
 *       ▲                                                      │
 *       └────────── retry: after a capped backoff, at once on `online`, or the user's "Retry" ─┘
 *
 * Timers exist only while waiting: the bounded wait while connecting and one backoff timer while
 * unreachable. Ready (online or not) has none at all; going offline while ready only changes what
 * the UI says (the user stays signed in: Clerk's client token is still valid).
 */

export type ConnectionState =
  | { phase: 'connecting' }
  /** Clerk loaded. `online` false: the network is gone, data from the backend may be stale. */
  | { phase: 'ready'; online: boolean }
  /** Clerk never loaded. `retryAt`: when the next automatic retry runs (ms epoch), null = on `online` only. */
  | { phase: 'unreachable'; reason: string; attempt: number; retryAt: number | null };

export interface ConnectionClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ConnectionEvents {
  isOnline(): boolean;
  /** Both return their unsubscribe function. */
  onOnline(listener: () => void): () => void;
  onOffline(listener: () => void): () => void;
}

export interface ConnectionWatcherOptions {
  clock: ConnectionClock;
  events: ConnectionEvents;
  /** Start loading Clerk again (the app reloads the page, see `reloadRetry`). */
  retry: (attempt: number) => void;
  onChange?: (state: ConnectionState) => void;
  /** How long "Connecting to Clerk…" may last. Default 10 s. */
  timeoutMs?: number;
  /** Wait before the n-th automatic retry (n ≥ 1). Default 2 s doubling, capped at 60 s. */
  backoffMs?: (attempt: number) => number;
  /** Retries already made before this page (a retry reloads the page). Default 0. */
  attempt?: number;
  /** What is being reached, for the messages. */
  target?: string;
}

export interface ConnectionWatcher {
  readonly state: ConnectionState;
  /** Clerk finished loading. */
  loaded(): void;
  /** Clerk reported that it could not load. */
  failed(reason: string): void;
  /** The user's "Retry". */
  retryNow(): void;
  /** Removes every listener and timer. */
  dispose(): void;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const MAX_BACKOFF_MS = 60_000;

export const defaultBackoffMs = (attempt: number): number => Math.min(2000 * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);

export function createConnectionWatcher(options: ConnectionWatcherOptions): ConnectionWatcher {
  const { clock, events } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  const target = options.target ?? "Clerk's Frontend API";
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

  function unreachable(reason: string): void {
    if (disposed || state.phase !== 'connecting') return;
    stopTimer();
    const offline = !events.isOnline();
    // Offline, the `online` event is the retry signal: no timer until the network is back.
    const delay = offline ? null : backoffMs(attempt + 1);
    if (delay !== null) timer = clock.setTimeout(() => retry(), delay);
    set({
      phase: 'unreachable',
      reason: offline ? `This computer is offline: ${target} cannot be reached.` : reason,
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
    timer = clock.setTimeout(() => unreachable(`${target} did not answer within ${Math.round(timeoutMs / 1000)} s.`), timeoutMs);
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
  timer = clock.setTimeout(() => unreachable(`${target} did not answer within ${Math.round(timeoutMs / 1000)} s.`), timeoutMs);

  return {
    get state() {
      return state;
    },
    loaded() {
      if (disposed || state.phase === 'ready') return;
      stopTimer();
      set({ phase: 'ready', online: events.isOnline() });
    },
    failed(reason) {
      unreachable(reason);
    },
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
  switch (state.phase) {
    case 'connecting':
    case 'ready':
      return state.phase === 'ready' && !state.online
        ? {
            title: 'You are offline',
            detail: 'You stay signed in. Data from the server may be out of date until the network is back.',
          }
        : null;
    case 'unreachable':
      return {
        title: 'Cannot reach Clerk',
        detail: `${state.reason} ${state.retryAt === null ? 'The app retries when the network is back.' : 'The app retries by itself.'}`,
      };
  }
}

/** Where the retry count survives the reload a retry does. */
const ATTEMPT_KEY = 'connection-watcher:attempt';

/** The browser's clock and network events, and a retry that reloads the page (Clerk loads anew). */
export function browserConnectionDeps(): Pick<ConnectionWatcherOptions, 'clock' | 'events' | 'retry' | 'attempt'> {
  const on = (name: 'online' | 'offline') => (listener: () => void) => {
    window.addEventListener(name, listener);
    return () => window.removeEventListener(name, listener);
  };
  return {
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
  };
}

/** Call once Clerk has loaded: the next failure starts the backoff from the beginning. */
export function resetRetryCount(): void {
  sessionStorage.removeItem(ATTEMPT_KEY);
}

/**
 * Clerk in the page, for every framework's UI: the version of its UI it loads, and whether the page can reach it:
 * `connecting` until Clerk loads (`ready`) or does not answer in time or fails (`unreachable`); from there a retry (the
 * page reloads) after a capped backoff, at once on `online`, or on the user's Retry. Offline, no timer runs: `online` is
 * the signal. Offline while ready, the user stays signed in.
 */

/**
 * The exact version of Clerk's UI bundle (`@clerk/ui`) clerk-js loads from your Frontend API, the one the installed Clerk
 * packages were built against (a kit test checks it): left to itself Clerk asks for the major only, so your users' UI could
 * change without a new build. Clerk's loader has no Subresource Integrity; the CSP limits scripts to your Frontend API.
 */
export const CLERK_UI_VERSION = '1.41.0';
export type ConnectionState =
  | { phase: 'connecting' }
  /** `online` false: the network is gone, data from the backend may be stale. */
  | { phase: 'ready'; online: boolean }
  /** `retryAt`: when the next automatic retry runs (ms epoch); null: on `online` only. */
  | { phase: 'unreachable'; reason: string; attempt: number; retryAt: number | null };

export interface ConnectionWatcherOptions {
  clock: { now(): number; setTimeout(callback: () => void, ms: number): number; clearTimeout(handle: number): void };
  /** `on` returns the unsubscribe function. */
  network: { isOnline(): boolean; on(event: 'online' | 'offline', listener: () => void): () => void };
  retry: (attempt: number) => void;
  onChange?: (state: ConnectionState) => void;
  /** Retries made before this page loaded (a retry reloads it). */
  attempt?: number;
}

export const MAX_BACKOFF_MS = 60_000;
const TIMEOUT_MS = 10_000;
const TARGET = "Clerk's Frontend API";

/** Wait before the n-th automatic retry (n ≥ 1): 2 s doubling, capped. */
export const defaultBackoffMs = (attempt: number): number => Math.min(2000 * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);

export function createConnectionWatcher(options: ConnectionWatcherOptions) {
  const { clock, network } = options;
  let attempt = options.attempt ?? 0;
  let state: ConnectionState = { phase: 'connecting' };
  let timer: number | null = null;
  let disposed = false;

  const stopTimer = (): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const set = (next: ConnectionState): void => options.onChange?.((state = next));
  const waitForClerk = (): void => {
    timer = clock.setTimeout(() => unreachable(`${TARGET} did not answer within ${TIMEOUT_MS / 1000} s.`), TIMEOUT_MS);
  };

  function unreachable(reason: string): void {
    if (disposed || state.phase !== 'connecting') return;
    stopTimer();
    const offline = !network.isOnline();
    const delay = defaultBackoffMs(attempt + 1);
    if (!offline) timer = clock.setTimeout(() => retry(), delay);
    set({
      phase: 'unreachable',
      reason: offline ? `This computer is offline: ${TARGET} cannot be reached.` : reason,
      attempt,
      retryAt: offline ? null : clock.now() + delay,
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

  const offOnline = network.on('online', () => (state.phase === 'ready' ? set({ phase: 'ready', online: true }) : retry()));
  const offOffline = network.on('offline', () => {
    if (state.phase === 'ready') set({ phase: 'ready', online: false });
    else if (state.phase === 'unreachable' && timer !== null) {
      stopTimer();
      set({ ...state, retryAt: null });
    }
  });
  waitForClerk();

  return {
    get state(): ConnectionState {
      return state;
    },
    loaded() {
      if (disposed || state.phase === 'ready') return;
      stopTimer();
      set({ phase: 'ready', online: network.isOnline() });
    },
    failed: (reason: string) => unreachable(reason),
    retryNow: () => retry(true),
    dispose() {
      disposed = true;
      stopTimer();
      offOnline();
      offOffline();
    },
  };
}

/** What the UI says: what is going on and what the user can do; null when all is well. */
export function describeConnection(state: ConnectionState): { title: string; detail: string } | null {
  if (state.phase === 'unreachable') {
    const next = state.retryAt === null ? 'The app retries when the network is back.' : 'The app retries by itself.';
    return { title: 'Cannot reach Clerk', detail: `${state.reason} ${next}` };
  }
  if (state.phase !== 'ready' || state.online) return null;
  return {
    title: 'You are offline',
    detail: 'You stay signed in. Data from the server may be out of date until the network is back.',
  };
}

/** Where the retry count survives the reload a retry does. */
const ATTEMPT_KEY = 'connection-watcher:attempt';
let page: ReturnType<typeof createPageConnection> | undefined;

/** The page's one watcher on the browser's clock and network, as a store every framework subscribes to; made on first use. */
export const pageConnection = () => (page ??= createPageConnection());

function createPageConnection() {
  const listeners = new Set<() => void>();
  const watcher = createConnectionWatcher({
    clock: { now: Date.now, setTimeout: window.setTimeout.bind(window), clearTimeout: window.clearTimeout.bind(window) },
    network: {
      isOnline: () => navigator.onLine,
      on: (name, listener) => (window.addEventListener(name, listener), () => window.removeEventListener(name, listener)),
    },
    retry: (attempt) => {
      sessionStorage.setItem(ATTEMPT_KEY, String(attempt));
      window.location.reload();
    },
    attempt: Number(sessionStorage.getItem(ATTEMPT_KEY)) || 0,
    onChange: (state) => {
      if (state.phase === 'ready') sessionStorage.removeItem(ATTEMPT_KEY); // the next failure backs off from the start
      for (const listener of listeners) listener();
    },
  });
  return {
    watcher,
    get: () => watcher.state,
    subscribe: (listener: () => void) => (listeners.add(listener), () => void listeners.delete(listener)),
  };
}

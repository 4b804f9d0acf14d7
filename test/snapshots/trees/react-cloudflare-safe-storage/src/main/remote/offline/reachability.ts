/**
 * Whether main can reach the backend. Calls report what they saw (`succeeded` / `failedToConnect`);
 * once unreachable, a probe (e.g. `health`) runs after a capped backoff until it succeeds, then
 * `onReachable` runs (the mutation queue replays). While reachable nothing runs: no timer at all.
 */

export interface ReachabilityOptions {
  /** Resolves when the backend answered, rejects when it could not be reached. */
  probe(): Promise<unknown>;
  onReachable?: () => void;
  onChange?: (reachable: boolean) => void;
  /** Wait before the n-th probe (n ≥ 1). Default 1 s doubling, capped at 30 s. */
  backoffMs?: (attempt: number) => number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export interface Reachability {
  readonly reachable: boolean;
  /** When the backend was last found unreachable (ms epoch), null while reachable. */
  readonly since: number | null;
  succeeded(): void;
  failedToConnect(): void;
  /** Stops probing (app quit, tests). */
  dispose(): void;
}

export const defaultProbeBackoffMs = (attempt: number): number => Math.min(1000 * 2 ** (attempt - 1), 30_000);

export function createReachability(options: ReachabilityOptions): Reachability {
  const backoffMs = options.backoffMs ?? defaultProbeBackoffMs;
  const schedule = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms));
  const cancel = options.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let reachable = true;
  let since: number | null = null;
  let attempt = 0;
  let timer: unknown = null;
  let disposed = false;

  function scheduleProbe(): void {
    if (disposed || timer !== null) return;
    timer = schedule(() => {
      timer = null;
      options.probe().then(markReachable, () => {
        if (!reachable) scheduleProbe();
      });
    }, backoffMs(++attempt));
  }

  function markReachable(): void {
    if (timer !== null) cancel(timer);
    timer = null;
    attempt = 0;
    if (reachable) return;
    reachable = true;
    since = null;
    options.onChange?.(true);
    options.onReachable?.();
  }

  return {
    get reachable() {
      return reachable;
    },
    get since() {
      return since;
    },
    succeeded: markReachable,
    failedToConnect() {
      if (reachable) {
        reachable = false;
        since = Date.now();
        options.onChange?.(false);
      }
      scheduleProbe();
    },
    dispose() {
      disposed = true;
      if (timer !== null) cancel(timer);
      timer = null;
    },
  };
}

/**
 * Whether main can reach the backend. Calls report what they saw (`succeeded` / `failedToConnect`); once
 * unreachable, a probe (e.g. `health`) runs after a capped backoff until it succeeds. While reachable: no timer.
 */
import { TRPCClientError } from '@trpc/client';

export interface ReachabilityOptions {
  /** Resolves when the backend answered, rejects when it could not be reached. */
  probe(): Promise<unknown>;
  onChange?: (reachable: boolean) => void;
  /** Wait before the n-th probe (n ≥ 1). Default 1 s doubling, capped at 30 s. */
  backoffMs?: (attempt: number) => number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export type Reachability = ReturnType<typeof createReachability>;

export function createReachability(options: ReachabilityOptions) {
  const backoffMs = options.backoffMs ?? ((attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 30_000));
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
  }

  return {
    get reachable(): boolean {
      return reachable;
    },
    get since(): number | null {
      return since;
    },
    succeeded: markReachable,
    failedToConnect(): void {
      if (reachable) {
        reachable = false;
        since = Date.now();
        options.onChange?.(false);
      }
      scheduleProbe();
    },
    dispose(): void {
      disposed = true;
      if (timer !== null) cancel(timer);
      timer = null;
    },
  };
}

/** Codes of a connection that could not be made: the request was certainly not sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 6; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    const inner = cause as { cause?: unknown; errors?: unknown[] };
    if (Array.isArray(inner.errors)) for (const each of inner.errors) codes.push(...causeCodes(each));
    cause = inner.cause;
  }
  return codes;
}

/** No connection could be made to the backend: nothing was sent. */
export function isNotSent(error: unknown): boolean {
  if (!(error instanceof TRPCClientError) || error.data !== undefined) return false;
  return causeCodes(error).some((code) => NOT_SENT_CODES.has(code));
}

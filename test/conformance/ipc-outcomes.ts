/**
 * Turns what a client saw into plain, comparable outcomes, and bounds every wait: a call or a
 * subscription that does not settle in time fails the scenario as a hang (it never passes by
 * timing out).
 */
import { TRPCClientError, type TRPCClient } from '@trpc/client';
import superjson from 'superjson';
import type { ConformanceRouter } from './ipc-router';

export const SETTLE_MS = 3000;

export class HangError extends Error {
  override name = 'HangError';
}

/** `promise`, or a HangError if it has not settled within `ms`. */
export function settle<T>(promise: Promise<T>, label: string, ms = SETTLE_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new HangError(`${label}: did not settle within ${ms} ms (a hang)`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export interface ErrorOutcome {
  isClientError: boolean;
  name: string;
  message: string;
  /** JSON-RPC code of the shape, e.g. -32600 */
  shapeCode: unknown;
  /** The formatted `data`: code, httpStatus, path, causeMessage, zodIssues, input. */
  data: unknown;
}

export type Outcome = { ok: unknown } | { error: ErrorOutcome };

export function describeError(error: unknown): ErrorOutcome {
  if (error instanceof HangError) throw error;
  const e = error as Error;
  return {
    isClientError: error instanceof TRPCClientError,
    name: e?.name,
    message: e?.message,
    shapeCode: (error as TRPCClientError<ConformanceRouter>).shape?.code,
    data: (error as TRPCClientError<ConformanceRouter>).data,
  };
}

/** The settled result of a query or mutation. */
export async function outcome(call: Promise<unknown>, label: string): Promise<Outcome> {
  try {
    return { ok: await settle(call, label) };
  } catch (error) {
    return { error: describeError(error) };
  }
}

type Subscribable = {
  subscribe: (input: unknown, opts: Record<string, unknown>) => { unsubscribe: () => void };
};

export interface RecordOptions {
  signal?: AbortSignal;
  /** Called after each event with everything so far; may unsubscribe. */
  onEvent?: (events: readonly string[], unsubscribe: () => void) => void;
  /** Resolve once this is true (for subscriptions that do not end by themselves). */
  until?: (events: readonly string[]) => boolean;
  /** Sees each event's data as delivered (before it is recorded as superjson). */
  onData?: (data: unknown) => void;
}

/**
 * Everything a subscriber sees, in order: `state:<state>[:<error code>]`, `started`,
 * `data:<superjson>`, `stopped`, `error:<code>:<message>`, `complete`.
 */
export function recordSubscription(
  client: TRPCClient<ConformanceRouter>,
  path: string,
  input: unknown,
  options: RecordOptions = {},
): Promise<string[]> {
  const events: string[] = [];
  const procedure = (client as unknown as Record<string, Subscribable>)[path]!;
  return settle(
    new Promise<string[]>((resolve) => {
      let unsubscribe = (): void => {};
      const push = (event: string): void => {
        events.push(event);
        options.onEvent?.(events, unsubscribe);
        if (options.until?.(events)) resolve(events);
      };
      const code = (error: unknown): string => String((error as TRPCClientError<ConformanceRouter>)?.data?.code);
      const subscription = procedure.subscribe(input, {
        signal: options.signal,
        onConnectionStateChange: (s: { state: string; error: unknown }) =>
          push(`state:${s.state}${s.error ? `:${code(s.error)}` : ''}`),
        onStarted: () => push('started'),
        onData: (data: unknown) => {
          options.onData?.(data);
          push(`data:${superjson.stringify(data)}`);
        },
        onStopped: () => push('stopped'),
        onError: (error: unknown) => {
          push(`error:${code(error)}:${(error as Error).message}`);
          resolve(events);
        },
        onComplete: () => {
          push('complete');
          resolve(events);
        },
      });
      unsubscribe = () => {
        subscription.unsubscribe();
        events.push('unsubscribed');
        resolve(events);
      };
    }),
    `subscription ${path}`,
  );
}

/** Lets queued IPC deliveries (one setImmediate per hop) and their promise chains run. */
export async function flushTasks(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

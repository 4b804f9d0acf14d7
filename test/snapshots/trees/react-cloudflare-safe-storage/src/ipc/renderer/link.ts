/**
 * A tRPC v11 terminating link that sends operations to the main process over the preload's IPC
 * bridge, with the user's Clerk session token attached to every one of them.
 *
 * Framework-agnostic: React, Vue and vanilla renderers all pass it to `createTRPCClient`.
 *
 *   const client = createTRPCClient<AppRouter>({
 *     links: [ipcLink({ getToken: () => clerk.session?.getToken() ?? Promise.resolve(null), transformer: superjson })],
 *   });
 *
 * Before sending each operation the link awaits `getToken()` (clerk-js caches the short-lived
 * session JWT, so this is usually a Map lookup). Signed out means `token: null`, and the call still
 * goes through: public procedures work, protected ones answer UNAUTHORIZED. A failing `getToken()`
 * (for example offline) is treated as signed out for that call rather than thrown at the caller,
 * and flagged `tokenUnavailable` so that main does not take it for a sign-out.
 *
 * Subscriptions behave as with tRPC's `httpSubscriptionLink`: connection states (`connecting`,
 * `pending`, `idle`), `started` and `stopped`, and after a retryable error (INTERNAL_SERVER_ERROR,
 * BAD_GATEWAY, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT) mid-stream they reconnect with the last
 * `tracked()` event id as `input.lastEventId`, after a growing delay (see `retryDelayMs`).
 *
 * The link also answers main's requests for a fresh token (see src/ipc/main/fresh-token.ts).
 */
import { TRPCClientError, type OperationResultEnvelope, type TRPCLink } from '@trpc/client';
import { getTransformer, type TransformerOptions } from '@trpc/client/unstable-internals';
import type { AnyTRPCRouter, inferTRPCClientTypes } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { IpcBridge, MainMessage, OperationMessage, OperationType } from '../protocol';

export type IpcLinkOptions<TRouter extends AnyTRPCRouter> = {
  /** Returns the current session token, or null when signed out. Awaited before every operation. */
  getToken: () => Promise<string | null>;
  /** Defaults to `window.appTrpc`, exposed by the preload. Tests pass an in-memory bridge. */
  bridge?: IpcBridge;
  /**
   * Wait before the n-th reconnection (1, 2, …) of a subscription that failed with a retryable
   * error; the count restarts with each event received. Default: 250 ms, doubling up to 10 s.
   */
  retryDelayMs?: (attempt: number) => number;
} & TransformerOptions<inferTRPCClientTypes<TRouter>>;

const orNull = (token: string | null | undefined): string | null => token ?? null;
/** Marks a token `getToken` failed to give (offline, Clerk not reachable): not a sign-out. */
const UNAVAILABLE = Symbol('token unavailable');
const unavailable = (): typeof UNAVAILABLE => UNAVAILABLE;

/** Resolves to the token, null when signed out, or UNAVAILABLE if `getToken` throws or rejects. */
function tryGetToken(getToken: () => Promise<string | null>): Promise<string | null | typeof UNAVAILABLE> {
  try {
    return Promise.resolve(getToken()).then(orNull, unavailable);
  } catch {
    return Promise.resolve(UNAVAILABLE);
  }
}

/** Resolves to the token, or to null if `getToken` throws, rejects or returns nothing. */
function safeGetToken(getToken: () => Promise<string | null>): Promise<string | null> {
  return tryGetToken(getToken).then((token) => (token === UNAVAILABLE ? null : token));
}

/** A random prefix makes ids unique across clients, windows and reloads; a counter within one. */
function createIdGenerator(): () => string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  const prefix = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('') + ':';
  let counter = 0;
  return () => prefix + String(++counter);
}

const defaultRetryDelayMs = (attempt: number): number => Math.min(250 * 2 ** (attempt - 1), 10_000);

/** The error codes after which tRPC's own subscription links reconnect. */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([
  TRPC_ERROR_CODES_BY_KEY.INTERNAL_SERVER_ERROR,
  TRPC_ERROR_CODES_BY_KEY.BAD_GATEWAY,
  TRPC_ERROR_CODES_BY_KEY.SERVICE_UNAVAILABLE,
  TRPC_ERROR_CODES_BY_KEY.GATEWAY_TIMEOUT,
]);

function isRetryable(error: TRPCClientError<AnyTRPCRouter>): boolean {
  const code = (error.shape as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' && RETRYABLE_CODES.has(code);
}

function toClientError(cause: unknown): TRPCClientError<AnyTRPCRouter> {
  return TRPCClientError.from(cause instanceof Error ? cause : { error: cause });
}

function abortError(): Error {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** The subscription's input with the last event id, the way tRPC's links resume `tracked()` streams. */
function withLastEventId(input: unknown, lastEventId: string | undefined): unknown {
  if (lastEventId === undefined) return input;
  if (input === null || input === undefined) return { lastEventId };
  return typeof input === 'object' ? { ...input, lastEventId } : input;
}

/** The JSON view of a message structured clone refuses (functions dropped), as tRPC's HTTP links send. */
function asJson(message: OperationMessage): OperationMessage | null {
  try {
    return JSON.parse(JSON.stringify(message)) as OperationMessage;
  } catch {
    return null;
  }
}

export function ipcLink<TRouter extends AnyTRPCRouter>(opts: IpcLinkOptions<TRouter>): TRPCLink<TRouter> {
  const transformer = getTransformer(opts.transformer);
  const bridge = opts.bridge ?? window.appTrpc;
  const { getToken } = opts;
  const retryDelayMs = opts.retryDelayMs ?? defaultRetryDelayMs;
  const nextId = createIdGenerator();
  /** Operations waiting for main's messages, by id. Entries are removed when an operation ends. */
  const pending = new Map<string, (message: MainMessage) => void>();

  bridge.onMessage((message) => {
    if (message.type === 'token-request') {
      void safeGetToken(getToken).then((token) => {
        bridge.send({ type: 'token', requestId: message.requestId, token });
      });
      return;
    }
    if (message.type === 'session') return; // for src/renderer/src/lib/session-changes.ts
    pending.get(message.id)?.(message);
  });

  function send(message: OperationMessage): void {
    try {
      bridge.send(message);
    } catch (cause) {
      const json = asJson(message);
      if (json === null) throw cause;
      bridge.send(json);
    }
  }

  /**
   * Sends one operation to main (once the token is known) and routes main's messages for it to
   * `onMessage`. Returns `close(tellMain)`: stop listening, and with `tellMain` abort it in main.
   */
  function start(
    type: OperationType,
    path: string,
    input: unknown,
    onMessage: (message: MainMessage) => void,
    onFail: (cause: unknown) => void,
  ): (tellMain: boolean) => void {
    const id = nextId();
    let open = true;
    let sent = false;
    pending.set(id, (message) => {
      try {
        onMessage(message);
      } catch (cause) {
        // e.g. a payload the transformer cannot read: this operation fails, others go on
        if (open) onFail(cause);
      }
    });
    void tryGetToken(getToken).then((result) => {
      if (!open) return;
      try {
        const token = result === UNAVAILABLE ? null : result;
        send({
          type,
          id,
          path,
          input: transformer.input.serialize(input),
          token,
          ...(result === UNAVAILABLE && { tokenUnavailable: true as const }),
        });
        sent = true;
      } catch (cause) {
        onFail(cause);
      }
    });
    return (tellMain) => {
      if (!open) return;
      open = false;
      pending.delete(id);
      if (tellMain && sent) bridge.send({ type: type === 'subscription' ? 'stop' : 'cancel', id });
    };
  }

  return () =>
    ({ op }) =>
      observable((observer) => {
        const emit = (envelope: OperationResultEnvelope<unknown, TRPCClientError<TRouter>>): void => observer.next(envelope);
        const { type, path, signal } = op;
        let ended = false;
        let close: (tellMain: boolean) => void = () => {};
        let retryTimer: ReturnType<typeof setTimeout> | undefined;

        const end = (tellMain: boolean): void => {
          ended = true;
          close(tellMain);
          clearTimeout(retryTimer);
          signal?.removeEventListener('abort', onAbort);
        };
        const fail = (cause: unknown): void => {
          if (ended) return;
          end(false);
          observer.error(cause instanceof TRPCClientError ? cause : toClientError(cause));
        };
        const connecting = (error: TRPCClientError<AnyTRPCRouter> | null): void =>
          emit({ result: { type: 'state', state: 'connecting', error: error as TRPCClientError<TRouter> | null } });
        const pending = (): void => emit({ result: { type: 'state', state: 'pending', error: null } });
        const idle = (): void => emit({ result: { type: 'state', state: 'idle', error: null } });
        /** The subscription is over without error: `stopped`, then `idle`, as over HTTP. */
        const stop = (tellMain: boolean): void => {
          end(tellMain);
          emit({ result: { type: 'stopped' } });
          idle();
          observer.complete();
        };

        /** A query or mutation rejects with an AbortError (as over HTTP); a subscription stops. */
        function onAbort(): void {
          if (ended) return;
          if (type === 'subscription') return stop(true);
          end(true);
          observer.error(toClientError(abortError()));
        }

        if (type !== 'subscription') {
          if (signal?.aborted) {
            onAbort();
            return () => {};
          }
          close = start(
            type,
            path,
            op.input,
            (message) => {
              if (message.type === 'result') {
                const data = transformer.output.deserialize(message.data);
                end(false);
                emit({ result: { type: 'data', data } });
                observer.complete();
              } else if (message.type === 'error') {
                fail(transformer.output.deserialize(message.error));
              }
            },
            fail,
          );
          signal?.addEventListener('abort', onAbort, { once: true });
          return () => end(true);
        }

        let lastEventId: string | undefined;
        /** Reconnections since the last event. */
        let attempts = 0;
        const connect = (): void => {
          if (ended) return;
          let started = false;
          close = start(
            'subscription',
            path,
            withLastEventId(op.input, lastEventId),
            (message) => {
              switch (message.type) {
                case 'started':
                  started = true;
                  emit({ result: { type: 'started' } });
                  pending();
                  return;
                case 'data': {
                  const data = transformer.output.deserialize(message.data);
                  if (message.eventId !== undefined) lastEventId = message.eventId;
                  attempts = 0;
                  emit({ result: { type: 'data', id: message.eventId, data } });
                  return;
                }
                case 'stopped':
                  return stop(false);
                case 'error': {
                  const error = toClientError(transformer.output.deserialize(message.error));
                  // Only a stream that was running is resumed; an error before it started (input,
                  // middleware, unknown path) is final, as with tRPC's links.
                  if (!started || !isRetryable(error)) return fail(error);
                  close(false);
                  retryTimer = setTimeout(connect, retryDelayMs(++attempts));
                  connecting(error); // after scheduling: a listener may unsubscribe right here
                  return;
                }
              }
            },
            fail,
          );
        };

        connecting(null);
        if (signal?.aborted) {
          onAbort();
          return () => {};
        }
        signal?.addEventListener('abort', onAbort, { once: true });
        connect();
        return () => {
          if (!ended) end(true);
        };
      });
}

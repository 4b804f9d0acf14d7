/**
 * The tRPC v11 terminating link of every renderer: operations go to main over the preload's bridge, each with the token
 * `getToken()` gives, null when signed out or when it fails (offline: flagged `tokenUnavailable`, not a sign-out).
 * Subscriptions behave as with `httpSubscriptionLink`, resuming after a retryable error with the last `tracked()` id.
 * It also answers main's token requests (../main/fresh-token.ts).
 */
import { TRPCClientError, type OperationResultEnvelope, type TRPCLink } from '@trpc/client';
import { getTransformer, type TransformerOptions, type TRPCConnectionState } from '@trpc/client/unstable-internals';
import type { AnyTRPCRouter, inferTRPCClientTypes } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { jsonView, type IpcBridge, type MainMessage, type OperationMessage } from '../protocol';

export type IpcLinkOptions<TRouter extends AnyTRPCRouter> = {
  getToken: () => Promise<string | null>;
  /** Default: `window.appTrpc`, exposed by the preload. */
  bridge?: IpcBridge;
  /** Wait before the n-th reconnection since the last event. Default: 250 ms, doubling up to 10 s. */
  retryDelayMs?: (attempt: number) => number;
} & TransformerOptions<inferTRPCClientTypes<TRouter>>;

/** The token, null when signed out, or `undefined` when `getToken` throws or rejects. */
const tryGetToken = (getToken: () => Promise<string | null>): Promise<string | null | undefined> =>
  (async () => (await getToken()) ?? null)().catch(() => undefined);

/** The error codes after which tRPC's own subscription links reconnect. */
const { INTERNAL_SERVER_ERROR, BAD_GATEWAY, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT } = TRPC_ERROR_CODES_BY_KEY;
const RETRYABLE_CODES: ReadonlySet<unknown> = new Set([INTERNAL_SERVER_ERROR, BAD_GATEWAY, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT]);

const toClientError = (cause: unknown): TRPCClientError<AnyTRPCRouter> =>
  cause instanceof TRPCClientError ? cause : TRPCClientError.from(cause instanceof Error ? cause : { error: cause });

/** The subscription's input with the last event id, the way tRPC's links resume `tracked()` streams. */
const withLastEventId = (input: unknown, lastEventId: string | undefined): unknown =>
  lastEventId === undefined || (input !== null && input !== undefined && typeof input !== 'object')
    ? input
    : { ...(input as object), lastEventId };

export function ipcLink<TRouter extends AnyTRPCRouter>(opts: IpcLinkOptions<TRouter>): TRPCLink<TRouter> {
  const transformer = getTransformer(opts.transformer);
  const bridge = opts.bridge ?? window.appTrpc;
  const { getToken, retryDelayMs = (attempt: number) => Math.min(250 * 2 ** (attempt - 1), 10_000) } = opts;
  // A random prefix makes ids unique across clients, windows and reloads; a counter within one.
  const prefix = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
  let counter = 0;
  /** Operations waiting for main's messages, by id, until they end. */
  const pending = new Map<string, (message: MainMessage) => void>();

  bridge.onMessage((message) => {
    if (message.type === 'token-request') {
      void tryGetToken(getToken).then((token) =>
        bridge.send({ type: 'token', requestId: message.requestId, token: token ?? null }),
      );
    } else if (message.type !== 'session') {
      pending.get(message.id)?.(message); // `session` is for followSessionChanges
    }
  });

  return () =>
    ({ op }) =>
      observable((observer) => {
        const { type, path, signal } = op;
        const emit = (envelope: OperationResultEnvelope<unknown, TRPCClientError<TRouter>>): void => observer.next(envelope);
        const state = (state: TRPCConnectionState<unknown>['state'], error: TRPCClientError<AnyTRPCRouter> | null = null): void =>
          emit({ result: { type: 'state', state, error } as TRPCConnectionState<TRPCClientError<TRouter>> });
        let ended = false;
        /** The current attempt's id while main may still answer it, and whether it reached main. */
        let id: string | undefined;
        let sent = false;
        let retryTimer: ReturnType<typeof setTimeout> | undefined;
        /** The last `tracked()` id a subscription received; never set for a query or mutation. */
        let lastEventId: string | undefined;
        /** Reconnections since the last event. */
        let attempts = 0;

        /** Stop listening to the current attempt; with `tellMain`, abort it in main too. */
        const close = (tellMain: boolean): void => {
          if (id === undefined) return;
          pending.delete(id);
          if (tellMain && sent) bridge.send({ type: type === 'subscription' ? 'stop' : 'cancel', id });
          id = undefined;
        };
        const end = (tellMain: boolean): void => {
          ended = true;
          close(tellMain);
          clearTimeout(retryTimer);
          signal?.removeEventListener('abort', onAbort);
        };
        const fail = (cause: unknown, tellMain = false): void => {
          if (ended) return;
          end(tellMain);
          observer.error(toClientError(cause));
        };
        /** The subscription is over without error: `stopped`, then `idle`, as over HTTP. */
        const stop = (tellMain: boolean): void => {
          end(tellMain);
          emit({ result: { type: 'stopped' } });
          state('idle');
          observer.complete();
        };
        /** A query or mutation rejects with an AbortError (as over HTTP); a subscription stops. */
        function onAbort(): void {
          if (type !== 'subscription') fail(new DOMException('The operation was aborted.', 'AbortError'), true);
          else if (!ended) stop(true);
        }

        /** Sends the operation once the token is known (a subscription again after a retryable error). */
        function connect(): void {
          if (ended) return;
          const current = (id = `${prefix}:${++counter}`);
          let started = false;
          sent = false;
          pending.set(current, (message) => {
            try {
              onMessage(message);
            } catch (cause) {
              fail(cause); // e.g. a payload the transformer cannot read: only this operation fails
            }
          });
          void tryGetToken(getToken).then((token) => {
            if (id !== current) return;
            try {
              const input = transformer.input.serialize(withLastEventId(op.input, lastEventId));
              const message: OperationMessage = { type, id: current, path, input, token: token ?? null };
              if (token === undefined) message.tokenUnavailable = true;
              try {
                bridge.send(message);
              } catch (cause) {
                const json = jsonView(message);
                if (json === null) throw cause;
                bridge.send(json); // structured clone refused it: its JSON view, as tRPC's HTTP links send
              }
              sent = true;
            } catch (cause) {
              fail(cause);
            }
          });

          function onMessage(message: MainMessage): void {
            if (message.type === 'result') {
              const data = transformer.output.deserialize(message.data);
              end(false);
              emit({ result: { type: 'data', data } });
              observer.complete();
            } else if (message.type === 'started') {
              started = true;
              emit({ result: { type: 'started' } });
              state('pending');
            } else if (message.type === 'data') {
              const data = transformer.output.deserialize(message.data);
              if (message.eventId !== undefined) lastEventId = message.eventId;
              attempts = 0;
              emit({ result: { type: 'data', id: message.eventId, data } });
            } else if (message.type === 'stopped') {
              stop(false);
            } else if (message.type === 'error') {
              const error = toClientError(transformer.output.deserialize(message.error));
              const code = (error.shape as { code?: unknown } | undefined)?.code;
              // Only a running stream is resumed; an error before it started (input, middleware,
              // unknown path) is final, as with tRPC's links.
              if (type !== 'subscription' || !started || !RETRYABLE_CODES.has(code)) return fail(error);
              close(false);
              retryTimer = setTimeout(connect, retryDelayMs(++attempts));
              state('connecting', error); // after scheduling: a listener may unsubscribe right here
            }
          }
        }

        if (type === 'subscription') state('connecting');
        signal?.addEventListener('abort', onAbort, { once: true });
        if (signal?.aborted) onAbort(); // then `connect` does nothing
        connect();
        return () => {
          if (!ended) end(true);
        };
      });
}

/** Who a page's Clerk shows; nothing to compare until it has loaded. */
type ShownSession = { loaded: boolean; user?: { id: string } | null; organization?: { id: string } | null };

/**
 * Reloads the page when another window signed in, out or switched organization (a `session` message from
 * src/kit/main/session-sync) and it shows someone else: a page's Clerk reads the shared client only when it loads.
 */
export function followSessionChanges(clerk: ShownSession, reload = () => window.location.reload(), bridge = window.appTrpc) {
  return bridge.onMessage((message) => {
    if (message.type !== 'session' || !clerk.loaded) return;
    const userId = clerk.user?.id ?? null;
    // Signed out here and elsewhere: no organization to compare.
    if (userId !== message.userId || (userId !== null && (clerk.organization?.id ?? null) !== message.orgId)) reload();
  });
}

/**
 * The backend's whole router, served to the renderer under `remote.*` with no code per procedure.
 * Main's IPC handler hands every `remote.…` call here (`forward` in src/kit/ipc/main/handler.ts); it
 * goes to the backend by path with the calling window's token (subscriptions: a fresh token on each
 * (re)connection, resumed from the last event id), is cancelled with the call's signal, and a backend
 * failure comes back as an error the renderer can act on. The renderer's types: see `WithRemote`.
 */
import { getUntypedClient, TRPCClientError } from '@trpc/client';
import { TRPCError, type AnyTRPCRouter, type TRPCBuiltRouter } from '@trpc/server';
import { observable, type Observable } from '@trpc/server/observable';
import type { ForwardedCall } from '../../ipc/main/handler';
import type { Context } from '../trpc/init';
import { backendClients, type BackendRouter } from './backend';
import { sendWhileOffline, type OfflineAnswers } from './offline';

/** Main's router as the renderer sees it: its own procedures and the backend's under `remote`. */
export type WithRemote<TRouter extends AnyTRPCRouter> = TRPCBuiltRouter<
  TRouter['_def']['_config']['$types'],
  TRouter['_def']['record'] & { remote: OfflineAnswers<BackendRouter['_def']['record']> }
>;

/** A call to the backend, as ./offline.ts sees it. */
export type RemoteCall = ForwardedCall<Context> & { type: 'query' | 'mutation' };

export function forwardToBackend(call: ForwardedCall<Context>): Promise<unknown> | Observable<unknown, TRPCError> {
  const { type, path, input, ctx, signal } = call;
  if (type === 'subscription') return forwardSubscription(path, input, ctx, signal);
  const send = (token: string | null, callSignal: AbortSignal | undefined): Promise<unknown> => {
    const client = getUntypedClient(backendClients().forCall(ctx.windowId, token));
    return client[type](path, input, { signal: callSignal });
  };
  return sendWhileOffline({ type, path, input, ctx, signal }, send).catch((error: unknown) => {
    throw error instanceof TRPCClientError ? toBackendError(error, signal) : error;
  });
}

/**
 * A backend subscription as an observable, which the IPC handler streams: values in order, the backend's
 * error thrown at the consumer, and the upstream subscription ended as soon as the consumer stops.
 */
function forwardSubscription(path: string, input: unknown, ctx: Context, signal: AbortSignal) {
  const client = getUntypedClient(backendClients().forSubscription(ctx.getFreshToken));
  // Tracked events are passed on as they came: the IPC handler sends their id with them.
  return observable<unknown, TRPCError>((observer) =>
    client.subscription(path, input, {
      onData: (value) => observer.next(value),
      onError: (error) =>
        observer.error(
          error instanceof TRPCClientError
            ? toBackendError(error, signal)
            : new TRPCError({ code: 'BAD_GATEWAY', message: `${backendName()} ended the stream unexpectedly.` }),
        ),
      onComplete: () => observer.complete(),
    }),
  );
}

const backendName = (): string => `The backend at ${backendClients().backendUrl}`;

const CODES_BY_STATUS: Record<number, TRPCError['code']> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * The TRPCError main answers with for a failed backend call: the backend's own code (a 401 arrives as
 * UNAUTHORIZED…), or a clear one when the backend cannot be reached, is too slow or answers nonsense.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any backend router's client error
function toBackendError(error: TRPCClientError<any>, signal?: AbortSignal): TRPCError {
  const data = error.data as { code?: TRPCError['code'] } | undefined;
  if (data?.code) return new TRPCError({ code: data.code, message: error.message });
  if (signal?.aborted) return new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'Cancelled.' });
  const backend = backendName();
  const causeName = (error.cause as { name?: unknown } | undefined)?.name;
  if (causeName === 'TimeoutError')
    return new TRPCError({ code: 'GATEWAY_TIMEOUT', message: `${backend} did not answer in time.` });
  const status = (error.meta?.response as { status?: number } | undefined)?.status;
  if (status !== undefined) {
    const code = CODES_BY_STATUS[status];
    return new TRPCError(
      code ? { code, message: code } : { code: 'BAD_GATEWAY', message: `${backend} answered with HTTP ${status}.` },
    );
  }
  if (error.cause instanceof TypeError || causeName === 'AbortError') {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: `${backend} is unreachable.` });
  }
  return new TRPCError({ code: 'BAD_GATEWAY', message: `${backend} gave an unexpected answer.` });
}

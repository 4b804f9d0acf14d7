/**
 * The backend's whole router under `remote.*`, with no code per procedure: main's IPC handler hands every
 * `remote.…` call here; it goes to the backend by path with the window's token (subscriptions: a fresh one
 * on each reconnection), is cancelled with the call's signal, and a failure comes back as a clear TRPCError.
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

/** The upstream subscription, ended as soon as the consumer stops; tracked events keep their id. */
function forwardSubscription(path: string, input: unknown, ctx: Context, signal: AbortSignal) {
  const client = getUntypedClient(backendClients().forSubscription(ctx.getFreshToken));
  return observable<unknown, TRPCError>((observer) =>
    client.subscription(path, input, {
      onData: (value) => observer.next(value),
      onError: (error) => observer.error(toBackendError(error, signal)),
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

/** The backend's own code (a 401 arrives as UNAUTHORIZED…), or a clear one when it is unreachable, slow or odd. */
function toBackendError(error: unknown, signal?: AbortSignal): TRPCError {
  const backend = backendName();
  if (!(error instanceof TRPCClientError)) {
    return new TRPCError({ code: 'BAD_GATEWAY', message: `${backend} ended the stream unexpectedly.` });
  }
  const data = error.data as { code?: TRPCError['code'] } | undefined;
  if (data?.code) return new TRPCError({ code: data.code, message: error.message });
  if (signal?.aborted) return new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'Cancelled.' });
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

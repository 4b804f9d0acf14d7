/**
 * The backend's whole router, served to the renderer under `remote.*` with no code per procedure.
 * Main's IPC handler hands every `remote.…` call here (`forward` in src/ipc/main/handler.ts); it
 * goes to the backend by path with the calling window's token (subscriptions: a fresh token on each
 * (re)connection, resumed from the last event id), is cancelled with the call's signal, and a
 * backend failure comes back as an error the renderer can act on (./backend-errors.ts).
 * The renderer's types come from the backend's router type: see `WithRemote`.
 */
import { getUntypedClient, TRPCClientError } from '@trpc/client';
import { TRPCError, type AnyTRPCRouter, type TRPCBuiltRouter } from '@trpc/server';
import type { ForwardedCall } from '../../ipc/main/handler';
import type { Context } from '../trpc/init';
import { backendClients } from './backend';
import type { BackendRouter } from './backend-client';
import { toBackendError } from './backend-errors';
import { sendWhileOffline, type OfflineAnswers } from './offline';
import { subscriptionStream } from './subscription-stream';

/** Main's router as the renderer sees it: its own procedures and the backend's under `remote`. */
export type WithRemote<TRouter extends AnyTRPCRouter> = TRPCBuiltRouter<
  TRouter['_def']['_config']['$types'],
  TRouter['_def']['record'] & { remote: OfflineAnswers<BackendRouter['_def']['record']> }
>;

/** A call to the backend, as ./offline.ts sees it; `send` takes the token (and signal) to send it with. */
export interface RemoteCall {
  type: 'query' | 'mutation';
  path: string;
  input: unknown;
  ctx: Context;
  signal: AbortSignal;
}

export function forwardToBackend(call: ForwardedCall<Context>): Promise<unknown> | AsyncIterable<unknown> {
  const { type, path, input, ctx, signal } = call;
  if (type === 'subscription') return forwardSubscription(path, input, ctx, signal);
  const send = (token: string | null, callSignal: AbortSignal | undefined): Promise<unknown> => {
    const client = getUntypedClient(backendClients().forCall(ctx.windowId, token));
    return type === 'query'
      ? client.query(path, input, { signal: callSignal })
      : client.mutation(path, input, { signal: callSignal });
  };
  return sendWhileOffline({ type, path, input, ctx, signal }, send).catch((error: unknown) => {
    throw error instanceof TRPCClientError ? toBackendError(error, backendClients().backendUrl, signal) : error;
  });
}

async function* forwardSubscription(path: string, input: unknown, ctx: Context, signal: AbortSignal) {
  const client = getUntypedClient(backendClients().forSubscription(ctx.getFreshToken));
  try {
    // Tracked events are yielded as they came: the IPC handler sends their id with them.
    yield* subscriptionStream((handlers) => client.subscription(path, input, handlers), signal);
  } catch (error) {
    const backendUrl = backendClients().backendUrl;
    if (error instanceof TRPCClientError) throw toBackendError(error, backendUrl, signal);
    throw new TRPCError({ code: 'BAD_GATEWAY', message: `The backend at ${backendUrl} ended the stream unexpectedly.` });
  }
}

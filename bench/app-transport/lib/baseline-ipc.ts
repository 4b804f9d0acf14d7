/**
 * The comparison point of the token bridge bench: the smallest tRPC-over-IPC link and handler that
 * work, with NO token logic and no bookkeeping (no getToken, no origin check, no message
 * validation, no per-window state, no verification, no cancellation). Same bridge, same fake IPC
 * pair, same router and transformer as the real thing; not for use in the app.
 */
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { callTRPCProcedure, type AnyTRPCRouter, type TRPCProcedureType } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { IPC_REQUEST_CHANNEL, IPC_RESPONSE_CHANNEL, type IpcBridge, type MainMessage } from '../../src/kit/ipc/protocol';
import type { IpcFrameLike, IpcMainLike } from '../../src/kit/ipc/main/handler';

export function baselineLink<TRouter extends AnyTRPCRouter>(bridge: IpcBridge, router: TRouter): TRPCLink<TRouter> {
  const transformer = router._def._config.transformer;
  const pending = new Map<string, (message: MainMessage) => void>();
  let counter = 0;
  bridge.onMessage((message) => {
    if ('id' in message) pending.get(message.id)?.(message);
  });
  return () =>
    ({ op }) =>
      observable((observer) => {
        const id = String(++counter);
        pending.set(id, (message) => {
          pending.delete(id);
          if (message.type === 'result') {
            observer.next({ result: { type: 'data', data: transformer.output.deserialize(message.data) } });
            observer.complete();
          } else
            observer.error(
              TRPCClientError.from({ error: transformer.output.deserialize((message as { error: unknown }).error) } as never),
            );
        });
        bridge.send({ type: op.type, id, path: op.path, input: transformer.input.serialize(op.input), token: null });
        return () => pending.delete(id);
      });
}

export function registerBaselineHandler<TRouter extends AnyTRPCRouter>(
  ipcMain: IpcMainLike,
  router: TRouter,
  ctx: unknown,
): void {
  const transformer = router._def._config.transformer;
  ipcMain.on(IPC_REQUEST_CHANNEL, (event, message: { id: string; type: TRPCProcedureType; path: string; input: unknown }) => {
    const frame = event.senderFrame as IpcFrameLike;
    void callTRPCProcedure({
      router,
      path: message.path,
      type: message.type,
      ctx,
      signal: undefined,
      batchIndex: 0,
      getRawInput: async () => transformer.input.deserialize(message.input),
    }).then(
      (data) => frame.send(IPC_RESPONSE_CHANNEL, { type: 'result', id: message.id, data: transformer.output.serialize(data) }),
      (error: unknown) => frame.send(IPC_RESPONSE_CHANNEL, { type: 'error', id: message.id, error: String(error) }),
    );
  });
}

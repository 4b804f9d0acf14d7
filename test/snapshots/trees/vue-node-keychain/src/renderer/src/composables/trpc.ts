/**
 * tRPC in Vue components, without a query library: a query runs when the component is created and
 * is aborted if it goes away first; a subscription lives exactly as long as the component.
 *
 *   const trpc = useTrpc();
 *   const info = useQuery((options) => trpc.app.info.query(undefined, options));   // query
 *   await trpc.todo.rename.mutate({ id, title });                                   // mutation
 *   const clock = useSubscription((handlers) => trpc.clock.subscribe(undefined, handlers)); // subscription
 *
 * Every call goes over IPC to main with the current session token (src/ipc/renderer/link.ts).
 */
import { inject, onScopeDispose, shallowRef, type App, type InjectionKey, type ShallowRef } from 'vue';

import type { TrpcClient } from '../lib/trpc';

const trpcKey: InjectionKey<TrpcClient> = Symbol('trpc');

export function provideTrpc(app: App, client: TrpcClient): void {
  app.provide(trpcKey, client);
}

export function useTrpc(): TrpcClient {
  const client = inject(trpcKey);
  if (!client) throw new Error('useTrpc() needs provideTrpc() (src/renderer/src/main.ts).');
  return client;
}

export interface Result<T> {
  data: ShallowRef<T | undefined>;
  error: ShallowRef<Error | undefined>;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export function useQuery<T>(query: (options: { signal: AbortSignal }) => Promise<T>): Result<T> & { refetch(): Promise<void> } {
  const data = shallowRef<T>();
  const error = shallowRef<Error>();
  const controller = new AbortController();
  const refetch = (): Promise<void> =>
    query({ signal: controller.signal }).then(
      (value) => {
        data.value = value;
        error.value = undefined;
      },
      (reason: unknown) => {
        if (!controller.signal.aborted) error.value = toError(reason);
      },
    );
  void refetch();
  onScopeDispose(() => controller.abort());
  return { data, error, refetch };
}

export interface SubscriptionHandlers<T> {
  onData(data: T): void;
  onError(error: unknown): void;
}

/** Stops when the component unmounts (and main's generator with it). */
export function useSubscription<T>(subscribe: (handlers: SubscriptionHandlers<T>) => { unsubscribe(): void }): Result<T> {
  const data = shallowRef<T>();
  const error = shallowRef<Error>();
  const subscription = subscribe({
    onData: (value) => {
      data.value = value;
      error.value = undefined;
    },
    onError: (reason) => {
      error.value = toError(reason);
    },
  });
  onScopeDispose(() => subscription.unsubscribe());
  return { data, error };
}

/**
 * A backend subscription as an async generator, so main's router can hand it to the renderer over
 * IPC (the IPC handler streams generators): values in order, the backend's error thrown at the
 * consumer, and the upstream subscription ended as soon as the consumer stops (window closed,
 * renderer unsubscribed) or `signal` aborts. Nothing is left behind either way.
 */
export interface SubscriptionHandlers<T> {
  onData(value: T): void;
  onError(error: unknown): void;
  onComplete(): void;
}

export async function* subscriptionStream<T>(
  subscribe: (handlers: SubscriptionHandlers<T>) => { unsubscribe(): void },
  signal?: AbortSignal,
): AsyncGenerator<T, void, undefined> {
  const queue: T[] = [];
  let ended: { error?: unknown } | null = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  const subscription = subscribe({
    onData(value) {
      queue.push(value);
      poke();
    },
    onError(error) {
      ended = { error };
      poke();
    },
    onComplete() {
      ended ??= {};
      poke();
    },
  });
  const onAbort = () => poke();
  signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (ended !== null) {
        const { error } = ended as { error?: unknown };
        if (error !== undefined) throw error;
        return;
      }
      if (signal?.aborted) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    subscription.unsubscribe();
  }
}

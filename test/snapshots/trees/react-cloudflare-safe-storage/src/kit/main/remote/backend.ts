/**
 * Main's tRPC client for the backend (only its router's type is imported). Every request carries the token of
 * the call that caused it; calls of one window in the same tick share one HTTP request, never two windows'.
 * Requests go only to BACKEND_URL's origin, redirects are refused (they must not carry the token elsewhere).
 */
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, type OperationLink, type TRPCClient } from '@trpc/client';
import type { TRPCClientRuntime, TRPCLink } from '@trpc/client';
import { tracked } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import { MAX_BATCH_SIZE } from '../../../../backend/src/kit/http';
import type { BackendRouter } from '../../../../backend/src/router';

export type { BackendRouter };
export type BackendClient = TRPCClient<BackendRouter>;

/** `backendUrl`: e.g. http://127.0.0.1:8787 (tRPC lives at /trpc). `timeoutMs`: per HTTP request, default 15 s. */
export type BackendClientsOptions = { backendUrl: string; timeoutMs?: number; fetch?: typeof fetch };

export type BackendClients = ReturnType<typeof createBackendClients>;

/** A fetch that only talks to `origin`, refuses redirects and gives up after `timeoutMs` (a stream's: for its headers). */
export function guardedFetch(origin: string, timeoutMs: number, baseFetch: typeof fetch = fetch, stream = false): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== origin) throw new Error(`Refusing to send a request outside ${origin}`);
    const connect = new AbortController();
    const timer = stream ? setTimeout(() => connect.abort(new DOMException('No answer in time', 'TimeoutError')), timeoutMs) : 0;
    const limit = stream ? connect.signal : AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, limit]) : limit;
    try {
      const response = await baseFetch(input, { ...init, signal, redirect: 'error' });
      return stream ? bodyEndingOnAbort(response, init?.signal) : response;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The response, its body ending when `signal` aborts: Node's fetch can lose that link (nodejs/node#55428). */
export function bodyEndingOnAbort(response: Response, signal: AbortSignal | null | undefined): Response {
  if (!signal || !response.body) return response;
  const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { signal });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Hands each `tracked()` event on as tRPC's tracked envelope: main yields it as it came, id included. */
const trackedEnvelopes: TRPCLink<BackendRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) =>
      next(op).subscribe({
        next(envelope) {
          const result = envelope.result as { id?: string; data?: unknown };
          if (result.id === undefined || !('data' in result)) return observer.next(envelope);
          const event = result.data as { data: unknown };
          observer.next({ ...envelope, result: { id: result.id, data: tracked(result.id, event.data) } });
        },
        error: (error) => observer.error(error),
        complete: () => observer.complete(),
      }),
    );

export function createBackendClients(options: BackendClientsOptions) {
  const backendUrl = options.backendUrl.replace(/\/+$/, '');
  const origin = new URL(backendUrl).origin;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const backendFetch = guardedFetch(origin, timeoutMs, options.fetch);
  const windowLinks = new Map<number, { link: OperationLink<BackendRouter>; calls: number }>();

  const createWindowLink = (): OperationLink<BackendRouter> =>
    httpBatchLink<BackendRouter>({
      url: `${backendUrl}/trpc`,
      transformer: superjson,
      fetch: backendFetch,
      maxURLLength: 4000,
      maxItems: MAX_BATCH_SIZE, // the backend refuses larger batches
      // All operations of a batch come from one window: the newest one's token.
      headers: ({ opList }) => {
        const token = (opList.at(-1)?.context as { token?: string | null } | undefined)?.token;
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    })({} as TRPCClientRuntime);

  /** Each operation, with `token`, goes through its window's batching link, kept while the window has calls in flight. */
  const windowBatchLink =
    (windowId: number, token: string | null): TRPCLink<BackendRouter> =>
    () =>
    ({ op, next }) =>
      observable((observer) => {
        const entry = windowLinks.get(windowId) ?? { link: createWindowLink(), calls: 0 };
        windowLinks.set(windowId, entry);
        entry.calls++;
        const subscription = entry.link({ op: { ...op, context: { ...op.context, token } }, next }).subscribe(observer);
        return () => {
          subscription.unsubscribe();
          if (--entry.calls === 0 && windowLinks.get(windowId) === entry) windowLinks.delete(windowId);
        };
      });

  return {
    backendUrl,
    windowsWithLinks: () => [...windowLinks.keys()],
    /** A client for one subscription (SSE); each (re)connection sends the token of the moment: a stream outlives one. */
    forSubscription(getToken: () => Promise<string | null>): BackendClient {
      const streamFetch = guardedFetch(origin, timeoutMs, options.fetch, true);
      return createTRPCClient<BackendRouter>({
        links: [
          trackedEnvelopes,
          httpSubscriptionLink<BackendRouter, typeof EventSource>({
            url: `${backendUrl}/trpc`,
            transformer: superjson,
            // Node 22 has no EventSource; this one takes a fetch.
            EventSource,
            eventSourceOptions: () => ({
              fetch: async (url, init) => {
                const token = await getToken();
                const headers: Record<string, string> = { ...init.headers };
                if (token) headers.authorization = `Bearer ${token}`;
                return streamFetch(String(url), { ...init, headers });
              },
            }),
          }),
        ],
      });
    },
    forCall: (windowId: number, token: string | null): BackendClient =>
      createTRPCClient<BackendRouter>({ links: [windowBatchLink(windowId, token)] }),
  };
}

let clients: BackendClients | null = null;

export function connectBackend(options: BackendClientsOptions): BackendClients {
  return (clients = createBackendClients(options));
}

export function backendClients(): BackendClients {
  if (!clients) throw new Error('connectBackend() must run before the backend is called (see main/index.ts).');
  return clients;
}

/** For work main starts itself (a timer, a menu item): a client with a fresh token of that window. */
export async function backendForWindow(
  windowId: number,
  getFreshToken: (windowId: number) => Promise<string | null>,
): Promise<BackendClient> {
  return backendClients().forCall(windowId, await getFreshToken(windowId));
}

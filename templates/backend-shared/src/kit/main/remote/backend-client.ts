/**
 * Main's tRPC client for the backend (backend/src/router.ts; only its type is imported, no backend
 * code runs in the app).
 *
 * - Every request carries `Authorization: Bearer <token>` with the token of the call that caused it
 *   (the calling window's, from its IPC message), and none when that window is signed out.
 * - Calls of one window made in the same tick travel in one HTTP request (one batching link per
 *   window), so calls of two windows never share a request, nor a token. A window's link lives only
 *   while it has calls in flight: closed windows (whose calls the IPC handler aborts) leave nothing.
 * - Requests go only to the origin of BACKEND_URL, redirects are refused (a redirect must not carry
 *   the token elsewhere), and each request has a timeout.
 */
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  type OperationLink,
  type TRPCClient,
  type TRPCClientRuntime,
  type TRPCLink,
} from '@trpc/client';
import { tracked } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { EventSource, type FetchLike } from 'eventsource';
import superjson from 'superjson';
import { MAX_BATCH_SIZE } from '../../../../backend/src/kit/http';
import type { BackendRouter } from '../../../../backend/src/router';

export type { BackendRouter };
export type BackendClient = TRPCClient<BackendRouter>;

export interface BackendClientsOptions {
  /** BACKEND_URL, e.g. http://127.0.0.1:8787 (tRPC lives at /trpc) */
  backendUrl: string;
  /** Per HTTP request. Default 15 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface BackendClients {
  /** A client whose calls carry `token` and share the batches of window `windowId`. */
  forCall(windowId: number, token: string | null): BackendClient;
  readonly backendUrl: string;
  /** Windows that hold a batching link, i.e. have backend calls in flight (diagnostics, leak tests). */
  windowsWithLinks(): number[];
  /**
   * A client for one subscription (SSE, `httpSubscriptionLink`). Every connection, first or
   * reconnection, sends the token `getToken` gives at that moment (main passes the window's
   * `getFreshToken`), so a stream outlives the token it started with. Nothing is kept: the
   * connection ends when the subscription is unsubscribed. `tracked()` events arrive as tracked
   * envelopes (`[id, data]`), other events as they are.
   */
  forSubscription(getToken: () => Promise<string | null>): BackendClient;
}

/** Carried from the call to the batch's request headers in each operation's context. */
interface TokenContext extends Record<string, unknown> {
  token?: string | null;
}

/** The request's token: the newest operation's (all operations of a batch come from one window). */
function authorizationHeader(opList: ReadonlyArray<{ context: TokenContext }>): Record<string, string> {
  const token = opList[opList.length - 1]?.context.token;
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** A fetch that only talks to `origin`, refuses redirects and gives up after `timeoutMs`. */
export function createBackendFetch(origin: string, timeoutMs: number, baseFetch: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== origin) {
      return Promise.reject(new Error(`Refusing to send a request outside ${origin}`));
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return baseFetch(input, { ...init, signal, redirect: 'error' });
  };
}

/**
 * The fetch of SSE connections: like `createBackendFetch` (BACKEND_URL's origin only, no redirects),
 * but the timeout covers only the wait for the response headers: a stream stays open as long as needed.
 */
export function createStreamFetch(origin: string, connectTimeoutMs: number, baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== origin) throw new Error(`Refusing to send a request outside ${origin}`);
    const connect = new AbortController();
    const timer = setTimeout(() => connect.abort(new DOMException('No answer in time', 'TimeoutError')), connectTimeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, connect.signal]) : connect.signal;
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, signal, redirect: 'error' });
    } finally {
      clearTimeout(timer);
    }
    return bodyEndingOnAbort(response, init?.signal);
  };
}

/**
 * The same response, whose body ends when `signal` aborts. fetch alone should do this, but Node's
 * fetch can lose the link between a request and its signal once the request object is garbage
 * collected (nodejs/node#55428), and then closing the EventSource would leave the stream open.
 */
export function bodyEndingOnAbort(response: Response, signal: AbortSignal | null | undefined): Response {
  if (!signal || !response.body) return response;
  const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { signal });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * Hands each `tracked()` event on as tRPC's tracked envelope, so that main yields it as it came
 * (its id goes on to the renderer, which resumes from it) without knowing the procedure.
 */
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

/** EventSource's fetch, with the token of the moment on each connection. */
function authorizedEventSourceFetch(streamFetch: typeof fetch, getToken: () => Promise<string | null>): FetchLike {
  return async (url, init) => {
    const token = await getToken();
    const headers: Record<string, string> = { ...init.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    return streamFetch(String(url), { ...init, headers });
  };
}

export function createBackendClients(options: BackendClientsOptions): BackendClients {
  const backendUrl = options.backendUrl.replace(/\/+$/, '');
  const origin = new URL(backendUrl).origin;
  const backendFetch = createBackendFetch(origin, options.timeoutMs ?? 15_000, options.fetch);
  /** The batching link of each window with calls in flight, and how many calls use it. */
  const windowLinks = new Map<number, { link: OperationLink<BackendRouter>; calls: number }>();

  function createWindowLink(): OperationLink<BackendRouter> {
    return httpBatchLink<BackendRouter>({
      url: `${backendUrl}/trpc`,
      transformer: superjson,
      fetch: backendFetch,
      maxURLLength: 4000,
      // The backend refuses larger batches; more concurrent calls are split over several requests.
      maxItems: MAX_BATCH_SIZE,
      headers: ({ opList }) => authorizationHeader(opList),
    })({} as TRPCClientRuntime);
  }

  /**
   * Sends each operation through its window's batching link, created by the window's first call in
   * flight and dropped after its last one ends (answered, failed or aborted). Calls made in the same
   * tick are all in flight together, so they still share the link and its batch.
   */
  function windowBatchLink(windowId: number): TRPCLink<BackendRouter> {
    return () =>
      ({ op, next }) =>
        observable((observer) => {
          let entry = windowLinks.get(windowId);
          if (!entry) {
            entry = { link: createWindowLink(), calls: 0 };
            windowLinks.set(windowId, entry);
          }
          const used = entry;
          used.calls++;
          const subscription = used.link({ op, next }).subscribe(observer);
          return () => {
            subscription.unsubscribe();
            if (--used.calls === 0 && windowLinks.get(windowId) === used) windowLinks.delete(windowId);
          };
        });
  }

  return {
    backendUrl,
    windowsWithLinks: () => [...windowLinks.keys()],
    forSubscription(getToken) {
      const streamFetch = createStreamFetch(origin, options.timeoutMs ?? 15_000, options.fetch);
      return createTRPCClient<BackendRouter>({
        links: [
          trackedEnvelopes,
          httpSubscriptionLink<BackendRouter, typeof EventSource>({
            url: `${backendUrl}/trpc`,
            transformer: superjson,
            // Node 22 has no EventSource; this one takes a fetch, which adds the token.
            EventSource,
            eventSourceOptions: () => ({ fetch: authorizedEventSourceFetch(streamFetch, getToken) }),
          }),
        ],
      });
    },
    forCall(windowId, token) {
      const withToken: TRPCLink<BackendRouter> =
        () =>
        ({ op, next }) =>
          next({ ...op, context: { ...op.context, token } satisfies TokenContext });
      return createTRPCClient<BackendRouter>({ links: [withToken, windowBatchLink(windowId)] });
    },
  };
}

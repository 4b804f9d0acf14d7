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
  type OperationLink,
  type TRPCClient,
  type TRPCClientRuntime,
  type TRPCLink,
} from '@trpc/client';
import { observable } from '@trpc/server/observable';
import superjson from 'superjson';
import type { BackendRouter } from '../../../backend/src/router';

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
    forCall(windowId, token) {
      const withToken: TRPCLink<BackendRouter> =
        () =>
        ({ op, next }) =>
          next({ ...op, context: { ...op.context, token } satisfies TokenContext });
      return createTRPCClient<BackendRouter>({ links: [withToken, windowBatchLink(windowId)] });
    },
  };
}

/**
 * The transports the IPC conformance suite compares, each over its own instance of the router:
 *
 * - `local`: tRPC's `localLink`, the reference for tRPC semantics;
 * - `http`: tRPC's fetch adapter behind `httpLink`, in process (no sockets). The reference where
 *   `localLink` hands values over by reference instead of serialising them (functions, Promises);
 * - `ipc`: the generated app's transport from templates/base: `ipcLink` → preload bridge → fake
 *   Electron IPC (every message structured-cloned, a value clone refuses throws `DataCloneError`,
 *   delivery in a later task) → glue → handler.
 */
import { createTRPCClient, httpLink, localLink, type TRPCClient } from '@trpc/client';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import type { SessionVerifier } from '../../templates/base/src/kit/main/auth/verify-session';
import { registerTrpcIpc } from '../../templates/base/src/kit/ipc/main/handler';
import { createIpcBridge } from '../../templates/base/src/kit/ipc/protocol';
import { ipcLink } from '../../templates/base/src/kit/ipc/renderer/link';
import { APP_ORIGIN, createFakeElectron } from '../kit/base/helpers/fake-ipc';
import { createConformanceRouter, type ConformanceProbe, type ConformanceRouter } from './ipc-router';

export type TransportName = 'local' | 'http' | 'ipc';

export interface Transport {
  name: TransportName;
  client: TRPCClient<ConformanceRouter>;
  probe: ConformanceProbe;
  /** IPC only: calls and subscriptions main still holds for the window. */
  inFlight?: () => number;
}

/** Every call is public here: no token verifies, and none is needed. */
const noSessions = {
  configured: true,
  cached: () => undefined,
  verify: async () => null,
} satisfies Pick<SessionVerifier, 'configured' | 'cached' | 'verify'> as unknown as SessionVerifier;

function local(): Transport {
  const { router, probe } = createConformanceRouter();
  const client = createTRPCClient<ConformanceRouter>({
    links: [localLink({ router, transformer: superjson, createContext: async () => ({}) })],
  });
  return { name: 'local', client, probe };
}

function http(): Transport {
  const { router, probe } = createConformanceRouter();
  // Like a real fetch: rejects at once when aborted (before or during), while the server sees the
  // request's signal abort.
  const fetchInProcess = (url: URL | RequestInfo, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal;
    const aborted = (): DOMException => new DOMException('This operation was aborted', 'AbortError');
    if (signal?.aborted) return Promise.reject(aborted());
    const response = fetchRequestHandler({ endpoint: '/trpc', req: new Request(url, init), router, createContext: () => ({}) });
    if (!signal) return response;
    return new Promise<Response>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(aborted()), { once: true });
      response.then(resolve, reject);
    });
  };
  const client = createTRPCClient<ConformanceRouter>({
    links: [httpLink({ url: 'http://in-process/trpc', transformer: superjson, fetch: fetchInProcess })],
  });
  return { name: 'http', client, probe };
}

function ipc(): Transport {
  const { router, probe } = createConformanceRouter();
  const electron = createFakeElectron();
  const registration = registerTrpcIpc({
    ipcMain: electron.ipcMain,
    router,
    createContext: () => ({}),
    allowedOrigins: [APP_ORIGIN],
    verifier: noSessions,
  });
  const win = electron.createWindow();
  const client = createTRPCClient<ConformanceRouter>({
    links: [
      ipcLink<ConformanceRouter>({
        getToken: async () => null,
        transformer: superjson,
        bridge: createIpcBridge(win.ipcRenderer),
        retryDelayMs: () => 0, // localLink reconnects at once; timing is not what is compared
      }),
    ],
  });
  return { name: 'ipc', client, probe, inFlight: () => registration.inFlight(win.webContents.id) };
}

export const createTransport: Record<TransportName, () => Transport> = { local, http, ipc };

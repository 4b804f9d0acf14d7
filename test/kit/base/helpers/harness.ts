/**
 * Wires the real IPC handler, glue, preload bridge and renderer link together over the fake IPC
 * pair, with a verifier that fetches the JWKS of a locally generated key from an offline
 * "Frontend API". Tests open windows with their own origin and their own `getToken`.
 */
import { createTRPCClient, type TRPCClient } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import superjson from 'superjson';
import { createSessionVerifier, type SessionVerifier } from '../../src/kit/main/auth/verify-session';
import { registerTrpcIpc, type IpcErrorInfo, type IpcHandlerOptions } from '../../src/kit/ipc/main/handler';
import { createContextFactory } from '../../src/kit/main/trpc/init';
import { createIpcBridge } from '../../src/kit/ipc/protocol';
import { ipcLink } from '../../src/kit/ipc/renderer/link';
import { APP_ORIGIN, createFakeElectron, type FakeWindow, type FakeWindowOptions } from './fake-ipc';
import { createJwksFetch, createTestKey, type TestKey } from './keys';

/** A syntactically valid publishable key of a made-up instance (its host is never contacted). */
export const TEST_PUBLISHABLE_KEY = `pk_test_${Buffer.from('clerk.test.example$').toString('base64')}`;
export const TEST_APP = { name: 'Test App', version: '1.2.3' };

export interface HarnessOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  key?: TestKey;
  verifier?: SessionVerifier;
  freshToken?: { minTimeLeftSeconds?: number; timeoutMs?: number };
  /** Wraps the context factory (e.g. src/kit/main/session-sync `withoutRevokedTokens`). */
  wrapContext?: (createContext: ReturnType<typeof createContextFactory>) => ReturnType<typeof createContextFactory>;
  /** The IPC handler's `onIdentityChange` (src/kit/main/session-sync). */
  onIdentityChange?: IpcHandlerOptions<TRouter>['onIdentityChange'];
  /** The IPC handler's forwarded namespaces (e.g. `remote`). */
  forward?: IpcHandlerOptions<TRouter>['forward'];
}

/** `TClient`: the router type the pages' clients see, when `forward` serves more than `router` (e.g. AppRouter). */
export async function createHarness<TRouter extends AnyTRPCRouter, TClient extends AnyTRPCRouter = TRouter>(
  options: HarnessOptions<TRouter>,
) {
  const electron = createFakeElectron();
  const key = options.key ?? (await createTestKey());
  const jwks = createJwksFetch(() => [key.jwk]);
  const verifier =
    options.verifier ??
    createSessionVerifier({ publishableKey: TEST_PUBLISHABLE_KEY, fetch: jwks.fetch, authorizedParties: [APP_ORIGIN] });
  const errors: IpcErrorInfo[] = [];
  const registration = registerTrpcIpc({
    ipcMain: electron.ipcMain,
    router: options.router,
    createContext: (options.wrapContext ?? ((createContext) => createContext))(createContextFactory({ app: TEST_APP })),
    allowedOrigins: [APP_ORIGIN],
    verifier,
    onError: (info) => errors.push(info),
    freshToken: options.freshToken,
    onIdentityChange: options.onIdentityChange,
    forward: options.forward,
  });

  type PageOptions = {
    getToken?: () => Promise<string | null>;
    /** Subscription reconnection delay (ipcLink's `retryDelayMs`); tests default to none. */
    retryDelayMs?: (attempt: number) => number;
  };

  /** A page in `win` (its preload bridge and tRPC client); call again after a navigation for the next page. */
  function openPage(win: FakeWindow, pageOptions: PageOptions = {}): { client: TRPCClient<TClient>; tokenCalls: () => number } {
    const bridge = createIpcBridge(win.ipcRenderer);
    let calls = 0;
    const getToken = pageOptions.getToken ?? (async () => null);
    const client = createTRPCClient<TClient>({
      links: [
        ipcLink<TClient>({
          getToken: () => {
            calls++;
            return getToken();
          },
          transformer: superjson,
          bridge,
          retryDelayMs: pageOptions.retryDelayMs ?? (() => 0),
        } as Parameters<typeof ipcLink<TClient>>[0]),
      ],
    });
    return { client, tokenCalls: () => calls };
  }

  function openWindow(windowOptions: FakeWindowOptions & PageOptions = {}): {
    win: FakeWindow;
    client: TRPCClient<TClient>;
    tokenCalls: () => number;
  } {
    const win = electron.createWindow(windowOptions);
    return { win, ...openPage(win, windowOptions) };
  }

  return { electron, key, jwks, verifier, registration, errors, openWindow, openPage };
}

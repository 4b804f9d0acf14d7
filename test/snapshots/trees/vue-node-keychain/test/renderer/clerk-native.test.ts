/**
 * src/renderer/src/lib/clerk-native.ts relies on Clerk internals (see its header). These tests run
 * it against the installed @clerk/* packages, so a Clerk upgrade that changes any of them fails here
 * instead of silently breaking sign-in in the app.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  allowedRedirectProtocols,
  CLERK_BRIDGE_GLOBAL,
  CLIENT_TOKEN_KEY,
  createNativeClerk,
  ELECTRON_SDK_VERSION,
  nativeNavigate,
  type ClerkElectronBridge,
} from '../../src/renderer/src/lib/clerk-native';

const require = createRequire(import.meta.url);
/** A syntactically valid development key (Frontend API host `example.clerk.accounts.dev`). */
const PUBLISHABLE_KEY = `pk_test_${btoa('example.clerk.accounts.dev$')}`;

/**
 * Runs the real `exposeClerkBridge()` of @clerk/electron/preload with Electron's `contextBridge` and
 * `ipcRenderer` faked, and returns what it exposed plus every IPC call made through it.
 */
function exposeRealClerkBridge(answer: (channel: string, ...args: unknown[]) => unknown) {
  const preloadPath = require.resolve('@clerk/electron/preload');
  const electronPath = createRequire(preloadPath).resolve('electron');
  const exposed = new Map<string, unknown>();
  const invocations: unknown[][] = [];
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invocations.push([channel, ...args]);
        return answer(channel, ...args);
      },
    },
  };
  const hadContextIsolated = Object.getOwnPropertyDescriptor(process, 'contextIsolated');
  require.cache[electronPath] = {
    id: electronPath,
    filename: electronPath,
    loaded: true,
    exports: fakeElectron,
  } as NodeJS.Module;
  Object.defineProperty(process, 'contextIsolated', { value: true, configurable: true });
  try {
    delete require.cache[preloadPath];
    (require(preloadPath) as typeof import('@clerk/electron/preload')).exposeClerkBridge();
  } finally {
    delete require.cache[electronPath];
    delete require.cache[preloadPath];
    if (hadContextIsolated) Object.defineProperty(process, 'contextIsolated', hadContextIsolated);
    else delete (process as { contextIsolated?: boolean }).contextIsolated;
  }
  return { exposed, invocations };
}

/** Stands in for the Frontend API: records requests, answers with a rotated client token. */
function fakeFrontendApi(rotatedToken: string | null) {
  const requests: { url: URL; init: RequestInit | undefined }[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: new URL(String(input)), init });
    const headers = new Headers({ 'content-type': 'application/json' });
    if (rotatedToken) headers.set('Authorization', `Bearer ${rotatedToken}`);
    return new Response(JSON.stringify({ response: {} }), { status: 200, headers });
  });
  return requests;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the preload bridge of @clerk/electron', () => {
  it('is published under the global this module reads, with the methods it calls', () => {
    const { exposed } = exposeRealClerkBridge(() => null);
    const bridge = exposed.get(CLERK_BRIDGE_GLOBAL) as ClerkElectronBridge | undefined;
    expect(bridge).toBeDefined();
    expect(typeof bridge!.tokenCache.getToken).toBe('function');
    expect(typeof bridge!.tokenCache.saveToken).toBe('function');
    expect(typeof bridge!.tokenCache.clearToken).toBe('function');
    expect(typeof bridge!.oauthTransport.getRedirectUrl).toBe('function');
    expect(typeof bridge!.oauthTransport.open).toBe('function');
  });
});

describe('a native Clerk instance', () => {
  it('sends Frontend API requests without cookies, flagged native, with the client token kept in main', async () => {
    const { exposed, invocations } = exposeRealClerkBridge((_channel, key) =>
      key === CLIENT_TOKEN_KEY ? 'client-token-from-main' : null,
    );
    const requests = fakeFrontendApi(null);
    const clerk = createNativeClerk(PUBLISHABLE_KEY, exposed.get(CLERK_BRIDGE_GLOBAL) as ClerkElectronBridge);

    await clerk.getFapiClient().request({ method: 'GET', path: '/client' });

    expect(requests).toHaveLength(1);
    const [{ url, init }] = requests as [(typeof requests)[number]];
    expect(url.host).toBe('example.clerk.accounts.dev');
    expect(init?.credentials).toBe('omit');
    expect(url.searchParams.get('_is_native')).toBe('1');
    expect(url.searchParams.get('_electron_sdk_version')).toBe(ELECTRON_SDK_VERSION);
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer client-token-from-main');
    expect(invocations.some((call) => call.includes(CLIENT_TOKEN_KEY))).toBe(true);
  });

  it('hands the rotated client token from the response back to main', async () => {
    const { exposed, invocations } = exposeRealClerkBridge(() => null);
    fakeFrontendApi('rotated-client-token');
    const clerk = createNativeClerk(PUBLISHABLE_KEY, exposed.get(CLERK_BRIDGE_GLOBAL) as ClerkElectronBridge);

    await clerk.getFapiClient().request({ method: 'GET', path: '/client' });

    const saves = invocations.filter((call) => call.includes('rotated-client-token'));
    expect(saves).toHaveLength(1);
    expect(saves[0]!.slice(1)).toEqual([CLIENT_TOKEN_KEY, 'rotated-client-token']);
  });

  it('sends no Authorization header when main has no client token yet', async () => {
    const { exposed } = exposeRealClerkBridge(() => null);
    const requests = fakeFrontendApi(null);
    const clerk = createNativeClerk(PUBLISHABLE_KEY, exposed.get(CLERK_BRIDGE_GLOBAL) as ClerkElectronBridge);

    await clerk.getFapiClient().request({ method: 'GET', path: '/client' });

    expect(new Headers(requests[0]?.init?.headers).has('Authorization')).toBe(false);
  });
});

describe('navigation and redirects', () => {
  it('ignores the in-memory routes of Clerk components and guards every other navigation', () => {
    const windowNavigate = vi.fn();
    void nativeNavigate('/sign-in/CLERK-ROUTER/VIRTUAL/factor-one', { windowNavigate });
    expect(windowNavigate).not.toHaveBeenCalled();
    void nativeNavigate('https://accounts.example.com/', { windowNavigate });
    expect(windowNavigate).toHaveBeenCalledWith('https://accounts.example.com/');
  });

  it("allows the packaged app's own scheme as a redirect target, and adds nothing for http(s)", () => {
    expect(allowedRedirectProtocols('my-app:')).toEqual(['my-app:']);
    expect(allowedRedirectProtocols('http:')).toBeUndefined();
    expect(allowedRedirectProtocols('https:')).toBeUndefined();
    expect(allowedRedirectProtocols(undefined)).toBeUndefined();
  });
});

describe('parity with @clerk/electron/react', () => {
  // This module reproduces what ClerkProvider of @clerk/electron/react sets up. If one of these
  // fragments disappears from its build, Clerk changed the native set-up: re-read
  // node_modules/@clerk/electron/dist/esm/react/index.js and update clerk-native.ts to match.
  const reactBuild = readFileSync(require.resolve('@clerk/electron/react'), 'utf8');

  it.each([
    `"${CLIENT_TOKEN_KEY}"`,
    `window.${CLERK_BRIDGE_GLOBAL}`,
    'request.credentials = "omit"',
    '"_is_native", "1"',
    `"_electron_sdk_version", "${ELECTRON_SDK_VERSION}"`,
    '__internal_onBeforeRequest',
    '__internal_onAfterResponse',
    'isVirtualRouterPath',
    'ALLOWED_PROTOCOLS',
    'loadClerkUIScript',
    '__internal_oauthTransport',
    'standardBrowser: false',
  ])('still does %s', (fragment) => {
    expect(reactBuild).toContain(fragment);
  });
});

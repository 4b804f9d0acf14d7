/**
 * Clerk in Electron's native mode, for renderers without React.
 *
 * `@clerk/electron/react` configures clerk-js for Electron inside its `<ClerkProvider>` and does not
 * export that set-up for other frameworks, so this module does the same thing for Vue and plain
 * TypeScript. Its effect, as with React:
 *
 * - no cookies: every Frontend API request is sent with `credentials: 'omit'` and flagged native;
 * - Clerk's long-lived client token lives in main (the token storage you chose), reached through
 *   the bridge that `exposeClerkBridge()` publishes from the preload; the renderer only ever sends it
 *   as a Bearer header and hands back the rotated one;
 * - OAuth opens in the system browser and comes back through the app's scheme (main's OAuth
 *   transport), never by navigating this window;
 * - Clerk's UI components are loaded from the instance's Frontend API, as `@clerk/electron/react` does.
 *
 * This is the ONE file of the app that relies on Clerk internals (not public API):
 *   1. `window.__clerk_internal_electron`, the preload bridge of `@clerk/electron/preload`;
 *   2. the `__clerk_client_jwt` key under which main stores the client token;
 *   3. clerk-js's `__internal_onBeforeRequest` / `__internal_onAfterResponse` hooks and its
 *      `__internal_oauthTransport` option;
 *   4. `@clerk/shared/internal/clerk-js/*`: `isVirtualRouterPath`, `ALLOWED_PROTOCOLS`.
 * The generator's tests check each of them against the installed packages. When a Clerk
 * upgrade fails it, compare this file with node_modules/@clerk/electron/dist/esm/react/index.js
 * (`createClerkInstance` and `ClerkProvider`) and follow what it does now.
 */
import { Clerk } from '@clerk/clerk-js';
import { isVirtualRouterPath } from '@clerk/shared/internal/clerk-js/url';
import { ALLOWED_PROTOCOLS } from '@clerk/shared/internal/clerk-js/windowNavigate';
import { loadClerkUIScript } from '@clerk/shared/loadClerkJsScript';
import type { ClerkOptions } from '@clerk/shared/types';

import { CLERK_UI_VERSION } from './connection-watcher';

/** Where `exposeClerkBridge()` (@clerk/electron/preload) publishes its bridge on `window`. */
export const CLERK_BRIDGE_GLOBAL = '__clerk_internal_electron';

/** Key of Clerk's client token in main's token storage (shared with @clerk/electron/react). */
export const CLIENT_TOKEN_KEY = '__clerk_client_jwt';

/** Reported to Clerk with every request, as @clerk/electron/react does. */
export const ELECTRON_SDK_VERSION = '<version>';

/** What `exposeClerkBridge()` (@clerk/electron/preload) puts on `window.__clerk_internal_electron`. */
export interface ClerkElectronBridge {
  tokenCache: {
    getToken(key: string): Promise<string | null>;
    saveToken(key: string, value: string): Promise<void>;
    clearToken(key: string): Promise<void>;
  };
  oauthTransport: {
    getRedirectUrl(): Promise<string>;
    open(url: string): Promise<{ callbackUrl: string }>;
  };
}

declare global {
  interface Window {
    [CLERK_BRIDGE_GLOBAL]?: ClerkElectronBridge;
  }
}

type BeforeRequestCallback = Parameters<Clerk['__internal_onBeforeRequest']>[0];
/** A Frontend API request as clerk-js hands it to `__internal_onBeforeRequest` hooks. */
export type FapiRequest = Parameters<BeforeRequestCallback>[0];
type RouterFn = Extract<ClerkOptions, { routerPush: unknown }>['routerPush'];
type ClerkUIConstructor = Awaited<NonNullable<NonNullable<ClerkOptions['ui']>['ClerkUI']>>;

/** The preload's Clerk bridge; undefined when the page runs outside the app (e.g. in a browser). */
export function clerkElectronBridge(): ClerkElectronBridge | undefined {
  return typeof window === 'undefined' ? undefined : window[CLERK_BRIDGE_GLOBAL];
}

/** Before each Frontend API request: no cookies, flagged native, the client token as Bearer. */
export async function prepareNativeRequest(request: FapiRequest, bridge: ClerkElectronBridge | undefined): Promise<void> {
  request.credentials = 'omit';
  request.url?.searchParams.append('_is_native', '1');
  request.url?.searchParams.append('_electron_sdk_version', ELECTRON_SDK_VERSION);
  const token = await bridge?.tokenCache.getToken(CLIENT_TOKEN_KEY);
  if (token) {
    const headers = new Headers(request.headers);
    headers.set('Authorization', `Bearer ${token}`);
    request.headers = headers;
  }
}

/** After each response: the Frontend API rotates the client token in `Authorization`; main keeps it. */
export async function keepRotatedClientToken(
  response: Pick<Response, 'headers'> | undefined,
  bridge: ClerkElectronBridge | undefined,
): Promise<void> {
  const authorization = response?.headers.get('Authorization');
  if (!authorization) return;
  const token = authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : authorization;
  await bridge?.tokenCache.saveToken(CLIENT_TOKEN_KEY, token);
}

/** A clerk-js instance that talks to the Frontend API the native way (see above). */
export function createNativeClerk(publishableKey: string, bridge = clerkElectronBridge()): Clerk {
  const clerk = new Clerk(publishableKey);
  clerk.__internal_onBeforeRequest((request) => prepareNativeRequest(request, bridge));
  clerk.__internal_onAfterResponse((_request, response) => keepRotatedClientToken(response, bridge));
  return clerk;
}

/**
 * clerk-js must never navigate this window itself (that would reload the app): its components'
 * in-memory routes are ignored, anything else goes through Clerk's guarded `windowNavigate`.
 */
export const nativeNavigate: RouterFn = (to, metadata) => {
  if (isVirtualRouterPath(to)) return;
  metadata?.windowNavigate(to);
};

/**
 * The packaged renderer is served from the app's own scheme (`<scheme>://renderer`), which Clerk
 * must accept as a redirect target; http(s) in development needs nothing.
 */
export function allowedRedirectProtocols(protocol: string | undefined): string[] | undefined {
  if (!protocol || ALLOWED_PROTOCOLS.includes(protocol) || protocol === 'file:') return undefined;
  return [protocol];
}

/** Clerk's UI components, loaded once from the instance's Frontend API (allowed by the CSP), at a pinned version. */
export function loadClerkUI(publishableKey: string): Promise<ClerkUIConstructor> {
  return loadClerkUIScript({ publishableKey, __internal_clerkUIVersion: CLERK_UI_VERSION }).then(() => {
    const ClerkUI = (globalThis as { __internal_ClerkUICtor?: ClerkUIConstructor }).__internal_ClerkUICtor;
    if (!ClerkUI) {
      throw new Error(
        'Clerk UI did not load: check the network and that the Content-Security-Policy allows the Frontend API host.',
      );
    }
    return ClerkUI;
  });
}

/** The options to load the native instance with (`clerk.load(…)`, or @clerk/vue's `clerkPlugin`). */
export function nativeLoadOptions(publishableKey: string, bridge = clerkElectronBridge()) {
  const transport = bridge?.oauthTransport;
  return {
    standardBrowser: false,
    routerPush: nativeNavigate,
    routerReplace: nativeNavigate,
    allowedRedirectProtocols: allowedRedirectProtocols(globalThis.location?.protocol),
    __internal_oauthTransport: transport && {
      getRedirectUrl: () => transport.getRedirectUrl(),
      open: (url: URL) => transport.open(url.href),
    },
    ui: { ClerkUI: loadClerkUI(publishableKey) },
  } satisfies ClerkOptions;
}

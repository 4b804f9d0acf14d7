/**
 * The app's windows. Every one is opened by `openWindow(route)` of the window kit and created by
 * `createMainWindow` (the one definition of the secure webPreferences and the preload: the IPC
 * bridge); it loads the renderer's own URL with the route as its hash (`#/notes`), so every window
 * is served by the same protocol handler with the same CSP, and the page picks its view from the
 * hash. Navigation rules and the IPC handler apply to every window by themselves
 * (`web-contents-created`, per-sender state). The "New Window" menu item and `windows.open` call it.
 */
import { TRPCError } from '@trpc/server';
import { BrowserWindow, type WebPreferences } from 'electron';

import { publicProcedure, router } from './trpc/init';

/** A route is a path inside the app: `/`, `/notes`, `/notes/42?tab=a`. Nothing that could leave it. */
const ROUTE_PATTERN = /^\/[A-Za-z0-9\-._~/?=&%]*$/;

export function isAppRoute(route: string): boolean {
  return ROUTE_PATTERN.test(route) && !route.startsWith('//') && route.length <= 512;
}

export function windowUrl(rendererUrl: string, route = '/'): string {
  if (!isAppRoute(route)) throw new Error(`Not a route of the app: ${JSON.stringify(route)}`);
  const url = new URL(rendererUrl);
  url.hash = route === '/' ? '' : route;
  return url.href;
}

/** The route a page was opened with (its `location.hash`), `/` when none. */
export function routeFromHash(hash: string): string {
  const route = hash.startsWith('#') ? hash.slice(1) : hash;
  return route !== '' && isAppRoute(route) ? route : '/';
}

export interface MainWindowOptions {
  title: string;
  /** Absolute path of the built preload (out/preload/index.js). */
  preloadPath: string;
  /** `<scheme>://renderer/` when packaged or previewed, the Vite dev server URL in development. */
  url: string;
  /** Whether DevTools can be opened (src/kit/main/config.ts `devToolsAllowed`). */
  devTools: boolean;
}

export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload: preloadPath,
    devTools: options.devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: options.title,
    width: 1024,
    height: 760,
    minWidth: 480,
    minHeight: 560,
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath, { devTools: options.devTools }),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.url).catch((error: unknown) => console.error(`Could not load ${options.url}:`, error));
  return window;
}

/** The part of a BrowserWindow the kit uses. */
export interface KitWindow {
  isDestroyed(): boolean;
  once(event: 'closed', listener: () => void): unknown;
  readonly webContents: { readonly id: number };
}

export interface WindowKitOptions<W extends KitWindow = BrowserWindow> {
  /** Title, preload and DevTools: the same for every window. */
  window: Omit<MainWindowOptions, 'url'>;
  /** The renderer's URL (`<scheme>://renderer/`, or the dev server's). */
  rendererUrl: string;
  /** Tests inject a fake; the app uses `createMainWindow`. */
  create?: (options: MainWindowOptions) => W;
  /** The URL of the focused window, if any; tests inject their own. */
  focusedUrl?: () => string | undefined;
}

export interface WindowKit<W extends KitWindow = BrowserWindow> {
  /** Opens a window showing `route` (default: the focused window's, else `/`). Throws for a route outside the app. */
  openWindow(route?: string): W;
  /** The open windows, oldest first. */
  windows(): W[];
}

export function createWindowKit<W extends KitWindow = BrowserWindow>(options: WindowKitOptions<W>): WindowKit<W> {
  const create = options.create ?? (createMainWindow as unknown as (options: MainWindowOptions) => W);
  const focusedUrl = options.focusedUrl ?? (() => BrowserWindow.getFocusedWindow()?.webContents.getURL());
  const focusedRoute = (): string => {
    const url = focusedUrl();
    return url ? routeFromHash(new URL(url).hash) : '/';
  };
  const open = new Set<W>();
  return {
    openWindow(route = focusedRoute()) {
      const url = windowUrl(options.rendererUrl, route);
      const window = create({ ...options.window, url });
      open.add(window);
      window.once('closed', () => open.delete(window));
      return window;
    },
    windows: () => [...open].filter((window) => !window.isDestroyed()),
  };
}

/** `windows.open`: the renderer asks for another window; app.ts hands the kit over with `setWindowOpener`. */
/** Windows open at once past which `windows.open` refuses (a page looping on it cannot flood the desktop). */
export const MAX_OPEN_WINDOWS = 20;

let opener: ((route: string) => { webContents: { id: number } }) | null = null;
let openWindowCount: () => number = () => 0;

/** `countOpen`: how many of the app's windows are open now. */
export function setWindowOpener(open: typeof opener, countOpen: () => number = () => 0): void {
  opener = open;
  openWindowCount = countOpen;
}

export const windowsRouter = router({
  open: publicProcedure
    .input((value: unknown) => {
      const route = (value as { route?: unknown } | undefined)?.route ?? '/';
      if (typeof route !== 'string' || !isAppRoute(route))
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Not a route of the app.' });
      return { route };
    })
    .mutation(({ input }) => {
      if (!opener) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Windows cannot be opened yet.' });
      if (openWindowCount() >= MAX_OPEN_WINDOWS) {
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: `At most ${MAX_OPEN_WINDOWS} windows at once: close one first.`,
        });
      }
      return { windowId: opener(input.route).webContents.id };
    }),
});

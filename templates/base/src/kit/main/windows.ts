/**
 * The app's windows. Every one is opened by `openWindow(route)` of the window kit and created by
 * `createMainWindow` (the one definition of the secure webPreferences and the preload: the IPC
 * bridge), on the renderer's own URL (./window-routes.ts). Navigation rules and the IPC handler apply
 * to every window by themselves (`web-contents-created`, per-sender state). The "New Window" menu
 * item and `windows.open` call `openWindow`.
 */
import { BrowserWindow, type WebPreferences } from 'electron';

import { routeFromHash, windowUrl } from './window-routes';

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

/**
 * The app's windows and menu. Every window is opened by the window kit's `openWindow(route)` with the
 * one definition of the secure webPreferences and the preload (the IPC bridge), on the renderer's
 * own URL (./window-routes.ts). Navigation rules and the IPC handler reach every window by themselves.
 */
import { BrowserWindow, type MenuItemConstructorOptions, type WebPreferences } from 'electron';
import { routeFromHash, windowUrl } from './window-routes';

export interface MainWindowOptions {
  title: string;
  /** Absolute path of the built preload (out/preload/index.js). */
  preloadPath: string;
  url: string;
  /** src/kit/main/config.ts `devToolsAllowed` */
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
    webPreferences: secureWebPreferences(options.preloadPath, options),
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
  window: Omit<MainWindowOptions, 'url'>;
  rendererUrl: string;
  /** Tests inject fakes for these two. */
  create?: (options: MainWindowOptions) => W;
  focusedUrl?: () => string | undefined;
}

export interface WindowKit<W extends KitWindow = BrowserWindow> {
  /** Opens a window on `route` (default: the focused window's, else `/`); throws for a route outside the app. */
  openWindow(route?: string): W;
  /** The open windows, oldest first. */
  windows(): W[];
}

export function createWindowKit<W extends KitWindow = BrowserWindow>(options: WindowKitOptions<W>): WindowKit<W> {
  const create = options.create ?? (createMainWindow as unknown as (options: MainWindowOptions) => W);
  const focusedUrl = options.focusedUrl ?? (() => BrowserWindow.getFocusedWindow()?.webContents.getURL());
  const focusedRoute = (url = focusedUrl()) => (url ? routeFromHash(new URL(url).hash) : '/');
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

/**
 * The application menu. Electron's default one has DevTools and reload items in every build; this
 * one only where DevTools are allowed. Roles keep the platform's usual items and shortcuts.
 */
export function applicationMenuTemplate(options: {
  isMac: boolean;
  devTools: boolean;
  /** Adds File → New Window (CmdOrCtrl+N). */
  onNewWindow?: () => void;
}): MenuItemConstructorOptions[] {
  const { isMac, devTools, onNewWindow } = options;
  const reload = [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const;
  const file: MenuItemConstructorOptions = onNewWindow
    ? {
        label: 'File',
        submenu: [
          { label: 'New Window', accelerator: 'CmdOrCtrl+N', click: () => onNewWindow() },
          { type: 'separator' },
          isMac ? { role: 'close' } : { role: 'quit' },
        ],
      }
    : { role: 'fileMenu' };
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(devTools ? reload : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}

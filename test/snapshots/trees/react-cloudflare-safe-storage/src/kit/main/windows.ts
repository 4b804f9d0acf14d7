/** The app's windows, all opened by `openWindow(route)` with one secure definition, and its menu. */
import { BrowserWindow, type MenuItemConstructorOptions, type WebPreferences } from 'electron';
import { routeFromHash, setWindowOpener, windowUrl } from './window-routes';

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

/**
 * `openWindow(route)` opens a window on `route` (default: the focused window's, else `/`; throws for a route
 * outside the app), also for `windows.open`; `windows()` lists the open ones, oldest first.
 */
export function createWindowKit(options: {
  window: { title: string; preloadPath: string; devTools: boolean };
  rendererUrl: string;
  focusedUrl?: () => string | undefined;
}) {
  const focusedUrl = options.focusedUrl ?? (() => BrowserWindow.getFocusedWindow()?.webContents.getURL());
  const focusedRoute = (url = focusedUrl()) => (url ? routeFromHash(new URL(url).hash) : '/');
  const open = new Set<BrowserWindow>();
  const kit = {
    openWindow(route = focusedRoute()): BrowserWindow {
      const url = windowUrl(options.rendererUrl, route);
      const window = new BrowserWindow({
        title: options.window.title,
        width: 1024,
        height: 760,
        minWidth: 480,
        minHeight: 560,
        show: false,
        autoHideMenuBar: true,
        webPreferences: secureWebPreferences(options.window.preloadPath, options.window),
      });
      window.once('ready-to-show', () => window.show());
      window.loadURL(url).catch((error: unknown) => console.error(`Could not load ${url}:`, error));
      open.add(window);
      window.once('closed', () => open.delete(window));
      return window;
    },
    windows: () => [...open].filter((window) => !window.isDestroyed()),
  };
  setWindowOpener(kit.openWindow, () => kit.windows().length);
  return kit;
}

/** The menu: Electron's default one has DevTools and reload items in every build, this one only where allowed. */
export function applicationMenuTemplate(options: {
  isMac: boolean;
  devTools: boolean;
  /** File → New Window (CmdOrCtrl+N). */
  onNewWindow: () => void;
}): MenuItemConstructorOptions[] {
  const { isMac, devTools, onNewWindow } = options;
  const reload = [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const;
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Window', accelerator: 'CmdOrCtrl+N', click: () => onNewWindow() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
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

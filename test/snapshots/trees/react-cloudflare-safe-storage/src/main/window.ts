/**
 * The app's window. Web content gets no Node.js, runs sandboxed and isolated from the preload,
 * which exposes exactly two bridges: Clerk's and our tRPC-over-IPC one (src/preload/index.ts).
 */
import { BrowserWindow, type WebPreferences } from 'electron';

export interface MainWindowOptions {
  title: string;
  /** Absolute path of the built preload (out/preload/index.js). */
  preloadPath: string;
  /** `<scheme>://renderer/` when packaged or previewed, the Vite dev server URL in development. */
  url: string;
  /** Whether DevTools can be opened (src/main/config.ts `devToolsAllowed`). */
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

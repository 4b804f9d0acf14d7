/**
 * Every window of the app, opened one way: `openWindow(route)`. Each one is created by
 * src/main/window.ts `createMainWindow` (the one definition of the secure webPreferences and the
 * preload, i.e. the IPC bridge) and loads the renderer's own URL (./window-url.ts), so it is served
 * by the same protocol handler with the same Content-Security-Policy. The navigation rules and the
 * IPC handler apply to every window by themselves (`web-contents-created`, per-sender state).
 *
 * main/index.ts creates the kit once; the "New Window" menu item and the `windows.open` procedure
 * call `openWindow`.
 */
import type { BrowserWindow } from 'electron';

import { createMainWindow, type MainWindowOptions } from '../window';
import { windowUrl } from './window-url';

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
}

export interface WindowKit<W extends KitWindow = BrowserWindow> {
  /** Opens a window showing `route` (default `/`). Throws for a route outside the app. */
  openWindow(route?: string): W;
  /** The open windows, oldest first. */
  windows(): W[];
}

export function createWindowKit<W extends KitWindow = BrowserWindow>(options: WindowKitOptions<W>): WindowKit<W> {
  const create = options.create ?? (createMainWindow as unknown as (options: MainWindowOptions) => W);
  const open = new Set<W>();
  return {
    openWindow(route = '/') {
      const url = windowUrl(options.rendererUrl, route);
      const window = create({ ...options.window, url });
      open.add(window);
      window.once('closed', () => open.delete(window));
      return window;
    },
    windows: () => [...open].filter((window) => !window.isDestroyed()),
  };
}

/**
 * The application menu. Electron's default menu has DevTools and reload items in every build; this
 * one has them only where DevTools are allowed (src/main/config.ts `devToolsAllowed`). Roles keep
 * the platform's usual items and shortcuts (copy and paste live in the Edit menu on macOS).
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  isMac: boolean;
  devTools: boolean;
  /** Adds File → New Window (CmdOrCtrl+N), e.g. the window kit's `openWindow` (src/main/windows). */
  onNewWindow?: () => void;
}

export function applicationMenuTemplate({ isMac, devTools, onNewWindow }: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    ...(devTools
      ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    onNewWindow ? fileMenuWithNewWindow(isMac, onNewWindow) : { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}

/** The platform's File menu (close on macOS, quit elsewhere) with "New Window" first. */
function fileMenuWithNewWindow(isMac: boolean, onNewWindow: () => void): MenuItemConstructorOptions {
  return {
    label: 'File',
    submenu: [
      { label: 'New Window', accelerator: 'CmdOrCtrl+N', click: () => onNewWindow() },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { routeFromHash, windowUrl } from '../../src/kit/main/window-routes';
import { applicationMenuTemplate, createWindowKit, secureWebPreferences } from '../../src/kit/main/windows';

/** Every BrowserWindow the real createMainWindow builds, with its options and loaded URL. */
const built = vi.hoisted(() => [] as Array<{ options: any; url?: string; window: any }>);

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    private static lastId = 0;
    static getFocusedWindow() {
      return null;
    }
    readonly webContents = { id: ++BrowserWindow.lastId };
    private destroyed = false;
    constructor(options: unknown) {
      super();
      built.push({ options, window: this });
    }
    loadURL(url: string) {
      built.find((entry) => entry.window === this)!.url = url;
      return Promise.resolve();
    }
    show() {}
    isDestroyed() {
      return this.destroyed;
    }
    close() {
      this.destroyed = true;
      this.emit('closed');
    }
  }
  return { BrowserWindow, default: { BrowserWindow } };
});

const RENDERER = 'testapp://renderer/';
const window = { title: 'Test App', preloadPath: '/app/out/preload/index.js', devTools: false };

beforeEach(() => {
  built.length = 0;
});

describe('window kit', () => {
  it('opens every window with the one secure definition: same webPreferences and preload, same origin', () => {
    const kit = createWindowKit({ window, rendererUrl: RENDERER });
    kit.openWindow();
    kit.openWindow('/notes');
    kit.openWindow('/');
    expect(built).toHaveLength(3);
    const expected = secureWebPreferences(window.preloadPath, { devTools: false });
    for (const { options } of built) expect(options.webPreferences).toEqual(expected);
    expect(built.map((entry) => entry.url)).toEqual([RENDERER, `${RENDERER}#/notes`, RENDERER]);
    expect(new Set(built.map((entry) => new URL(entry.url!).origin)).size).toBe(1);
  });

  it('refuses routes that would leave the app, and tracks open windows until they close', () => {
    const kit = createWindowKit({ window, rendererUrl: RENDERER });
    for (const route of ['//evil.example/x', 'https://evil.example', 'javascript:alert(1)', 'notes', '/a b']) {
      expect(() => kit.openWindow(route), route).toThrow(/Not a route/);
    }
    expect(built).toHaveLength(0);
    const first = kit.openWindow();
    const second = kit.openWindow('/x');
    expect(kit.windows()).toEqual([first, second]);
    (first as unknown as { close(): void }).close();
    expect(kit.windows()).toEqual([second]);
  });

  it('window URLs and hashes round-trip', () => {
    expect(windowUrl('http://localhost:5173/', '/notes?tab=a')).toBe('http://localhost:5173/#/notes?tab=a');
    expect(routeFromHash('#/notes?tab=a')).toBe('/notes?tab=a');
    expect(routeFromHash('')).toBe('/');
    expect(routeFromHash('#//evil')).toBe('/');
  });
});

describe('New Window menu item', () => {
  function find(items: readonly MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
    for (const item of items) {
      if (item.label === label) return item;
      const inner = Array.isArray(item.submenu) ? find(item.submenu, label) : undefined;
      if (inner) return inner;
    }
    return undefined;
  }

  it('opens a window through the kit, with its platform shortcut', () => {
    const kit = createWindowKit({ window, rendererUrl: RENDERER });
    for (const isMac of [true, false]) {
      const item = find(applicationMenuTemplate({ isMac, devTools: false, onNewWindow: () => kit.openWindow() }), 'New Window');
      expect(item?.accelerator).toBe('CmdOrCtrl+N');
      (item!.click as () => void)();
    }
    expect(built).toHaveLength(2);
  });

  it("opens on the focused window's route, and on / when no window of the app is focused", () => {
    let focused: string | undefined = `${RENDERER}#/notes?tab=a`;
    const kit = createWindowKit({ window, rendererUrl: RENDERER, focusedUrl: () => focused });
    const newWindow = find(
      applicationMenuTemplate({ isMac: false, devTools: false, onNewWindow: () => kit.openWindow() }),
      'New Window',
    );
    (newWindow!.click as () => void)();
    focused = `${RENDERER}#//evil.example`;
    (newWindow!.click as () => void)();
    focused = undefined;
    (newWindow!.click as () => void)();
    kit.openWindow('/');
    expect(built.map((entry) => entry.url)).toEqual([`${RENDERER}#/notes?tab=a`, RENDERER, RENDERER, RENDERER]);
  });
});

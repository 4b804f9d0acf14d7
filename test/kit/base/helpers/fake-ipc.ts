/**
 * An in-memory stand-in for Electron's IPC that behaves like the real one where it matters:
 * every message is structured-cloned (so functions, AbortSignals or class instances fail or lose
 * their prototype exactly as they would), delivery is asynchronous, and each window has its own
 * webContents id and frame with its own origin. Main side: `ipcMain` + webContents lifecycle
 * events, i.e. only what src/kit/ipc/main/handler.ts touches.
 */
import { EventEmitter } from 'node:events';
import type { IpcMainEventLike, IpcMainLike, WebContentsLike } from '../../src/kit/ipc/main/handler';
import type { IpcRendererLike } from '../../src/kit/ipc/protocol';

type MainListener = (event: IpcMainEventLike, ...args: any[]) => void;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** Electron delivers IPC in a later task of the receiving process. */
const deliverLater = (fn: () => void): void => void setImmediate(fn);

export class FakeIpcMain implements IpcMainLike {
  private readonly emitter = new EventEmitter();
  on(channel: string, listener: MainListener): this {
    this.emitter.on(channel, listener);
    return this;
  }
  removeListener(channel: string, listener: MainListener): this {
    this.emitter.removeListener(channel, listener);
    return this;
  }
  listenerCount(channel: string): number {
    return this.emitter.listenerCount(channel);
  }
  /** @internal used by FakeWindow */
  deliver(channel: string, event: IpcMainEventLike, args: unknown[]): void {
    this.emitter.emit(channel, event, ...args);
  }
}

export class FakeWebContents extends EventEmitter implements WebContentsLike {
  destroyed = false;
  constructor(readonly id: number) {
    super();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeFrame {
  detached = false;
  constructor(
    readonly origin: string,
    private readonly renderer: EventEmitter,
  ) {}
  send(channel: string, ...args: unknown[]): void {
    if (this.detached) throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    const cloned = structuredClone(args);
    deliverLater(() => this.renderer.emit(channel, { sender: 'ipcRenderer event (must not reach the page)' }, ...cloned));
  }
}

export interface FakeWindowOptions {
  /** Origin of the page in the window. Default: the app's origin used by the tests. */
  origin?: string;
  /** Simulate Electron's `senderFrame === null` (frame gone before the message is handled). */
  nullSenderFrame?: boolean;
}

export class FakeWindow {
  readonly webContents: FakeWebContents;
  frame: FakeFrame;
  /** What the preload gets as `ipcRenderer`. */
  readonly ipcRenderer: IpcRendererLike;
  private readonly rendererSide = new EventEmitter();

  constructor(
    private readonly ipcMain: FakeIpcMain,
    id: number,
    private readonly options: Required<FakeWindowOptions>,
  ) {
    this.webContents = new FakeWebContents(id);
    this.frame = new FakeFrame(options.origin, this.rendererSide);
    const side = this.rendererSide;
    this.ipcRenderer = {
      send: (channel, ...args) => {
        const cloned = structuredClone(args);
        const event: IpcMainEventLike = {
          sender: this.webContents,
          senderFrame: this.options.nullSenderFrame ? null : this.frame,
        };
        deliverLater(() => this.ipcMain.deliver(channel, event, cloned));
      },
      on: (channel: string, listener: RendererListener) => side.on(channel, listener),
      removeListener: (channel: string, listener: RendererListener) => side.removeListener(channel, listener),
    };
  }

  /** Listeners the page has on a channel (to check that unsubscribing cleans up). */
  rendererListenerCount(channel: string): number {
    return this.rendererSide.listenerCount(channel);
  }

  /** A cross-document navigation or reload: the page is replaced by a new one with a new frame. */
  navigate(): void {
    this.startNavigation();
    this.commitNavigation();
  }

  /** A navigation starts: Electron tells main, but the old page keeps running until the commit. */
  startNavigation(): void {
    this.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false, url: this.frame.origin + '/' });
  }

  /**
   * The new document commits: the old page stops receiving. By default it gets a new frame; with
   * `reuseFrame` the frame object stays (Electron may keep one `WebFrameMain` across same-site
   * navigations), so the old page's late messages look like the new page's.
   */
  commitNavigation(options: { reuseFrame?: boolean } = {}): void {
    this.rendererSide.removeAllListeners();
    if (!options.reuseFrame) {
      this.frame.detached = true;
      this.frame = new FakeFrame(this.options.origin, this.rendererSide);
    }
    this.webContents.emit('did-navigate', {}, this.frame.origin + '/', 200, 'OK');
  }

  /** The window is closed. */
  destroy(): void {
    this.webContents.destroyed = true;
    this.frame.detached = true;
    this.rendererSide.removeAllListeners();
    this.webContents.emit('destroyed');
  }
}

export const APP_ORIGIN = 'testapp://renderer';

/** Main's `ipcMain` plus a factory of windows, each with its own webContents id and frame. */
export function createFakeElectron() {
  const ipcMain = new FakeIpcMain();
  let lastId = 0;
  return {
    ipcMain,
    createWindow(options: FakeWindowOptions = {}): FakeWindow {
      return new FakeWindow(ipcMain, ++lastId, {
        origin: options.origin ?? APP_ORIGIN,
        nullSenderFrame: options.nullSenderFrame ?? false,
      });
    },
  };
}

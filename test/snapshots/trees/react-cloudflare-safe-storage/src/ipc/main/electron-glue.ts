/**
 * The thin seam between the IPC handler (src/ipc/main/handler.ts) and Electron.
 *
 * main/index.ts calls, once, after `app.whenReady()`:
 *
 *   const trpcIpc = registerTrpcIpc({
 *     ipcMain,                               // from 'electron'
 *     router: appRouter,
 *     createContext: createContextFactory({ app: { name: app.getName(), version: app.getVersion() } }),
 *     allowedOrigins: [rendererOrigin, …devServerOrigin in dev],
 *     verifier: createSessionVerifier({ publishableKey, jwtKey, authorizedParties: allowedOrigins }),
 *   });
 *   // trpcIpc.getFreshToken(win.webContents.id) for work main starts itself
 *   // trpcIpc.dispose() to unregister (e.g. on will-quit)
 *
 * It listens on the request channel and forgets a window's calls, subscriptions and token when
 * the window navigates (including reload), its renderer process dies, or it is destroyed. A
 * navigation is handled twice: when it starts (the token is forgotten; the calls go on, as the
 * navigation may still be cancelled) and when the new document commits (everything is forgotten,
 * and the old document's late messages are dropped from then on: it kept running in between).
 * Electron is only referenced through types, so tests drive this file with fakes.
 */
import type { AnyTRPCRouter } from '@trpc/server';
import { IPC_REQUEST_CHANNEL } from '../protocol';
import { createIpcHandler, type IpcEventLike, type IpcHandler, type IpcHandlerOptions } from './handler';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's listener types take any arguments
type Listener = (...args: any[]) => void;

/** The part of Electron's `WebContents` the glue uses. */
export interface WebContentsLike {
  readonly id: number;
  on(event: string, listener: Listener): unknown;
  once(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
  /** Electron's; a message still in flight when its window closed must not watch it again. */
  isDestroyed?(): boolean;
}

/** The part of Electron's `IpcMainEvent` the glue uses. */
export interface IpcMainEventLike extends IpcEventLike {
  readonly sender: WebContentsLike;
}

/** The part of Electron's `ipcMain` the glue uses: pass `ipcMain` from 'electron'. */
export interface IpcMainLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's ipcMain listeners take any arguments
  on(channel: string, listener: (event: IpcMainEventLike, ...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  removeListener(channel: string, listener: (event: IpcMainEventLike, ...args: any[]) => void): unknown;
}

export interface RegisterTrpcIpcOptions<TRouter extends AnyTRPCRouter> extends IpcHandlerOptions<TRouter> {
  ipcMain: IpcMainLike;
}

export interface TrpcIpcRegistration {
  /** A token for work main starts itself for a window (see src/ipc/main/fresh-token.ts). */
  getFreshToken(windowId: number): Promise<string | null>;
  /** Calls and subscriptions running for a window (diagnostics, leak tests). */
  inFlight(windowId: number): number;
  /** Windows whose lifecycle the glue follows (leak tests: back to zero once they are closed). */
  watchedWindows(): number;
  /** Forget every window's token (sign-out everywhere, src/main/session-sync). */
  forgetTokens: IpcHandler['forgetTokens'];
  /** Send a message to every window that has talked to main (but one). */
  broadcast: IpcHandler['broadcast'];
  /** Stop listening and abort everything in flight. */
  dispose(): void;
}

/** Serves `router` to every window over IPC. See the file comment for how main/index.ts uses it. */
export function registerTrpcIpc<TRouter extends AnyTRPCRouter>(options: RegisterTrpcIpcOptions<TRouter>): TrpcIpcRegistration {
  const { ipcMain, ...handlerOptions } = options;
  const handler = createIpcHandler(handlerOptions);
  /** Windows whose lifecycle we follow, with the function that stops following. */
  const watched = new Map<number, () => void>();

  function watch(contents: WebContentsLike): void {
    if (watched.has(contents.id)) return;
    const id = contents.id;
    const onNavigation = (details: { isMainFrame?: boolean; isSameDocument?: boolean } | undefined): void => {
      // In-page navigations (hash, pushState) keep the document and its calls.
      if (details?.isMainFrame !== false && details?.isSameDocument !== true) handler.navigationStarted(id);
    };
    // 'did-navigate' fires for main-frame, cross-document navigations only, once the new document committed.
    const onCommit = (): void => handler.documentReplaced(id);
    const onGone = (): void => handler.documentReplaced(id);
    const onDestroyed = (): void => {
      unwatch();
      handler.windowClosed(id);
    };
    const unwatch = (): void => {
      watched.delete(id);
      contents.removeListener('did-start-navigation', onNavigation);
      contents.removeListener('did-navigate', onCommit);
      contents.removeListener('render-process-gone', onGone);
      contents.removeListener('destroyed', onDestroyed);
    };
    contents.on('did-start-navigation', onNavigation);
    contents.on('did-navigate', onCommit);
    contents.on('render-process-gone', onGone);
    contents.once('destroyed', onDestroyed);
    watched.set(id, unwatch);
  }

  const onRequest = (event: IpcMainEventLike, message: unknown, documentId?: unknown): void => {
    if (event.sender.isDestroyed?.()) return; // 'destroyed' will not fire again: nothing would forget it
    watch(event.sender);
    handler.receive(event, message, documentId);
  };
  ipcMain.on(IPC_REQUEST_CHANNEL, onRequest);

  return {
    getFreshToken: handler.getFreshToken,
    inFlight: handler.inFlight,
    watchedWindows: () => watched.size,
    forgetTokens: handler.forgetTokens,
    broadcast: handler.broadcast,
    dispose() {
      ipcMain.removeListener(IPC_REQUEST_CHANNEL, onRequest);
      for (const unwatch of [...watched.values()]) unwatch();
      handler.dispose();
    },
  };
}

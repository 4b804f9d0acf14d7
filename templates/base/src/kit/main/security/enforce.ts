/**
 * Applies ./policy to Electron: the renderer's custom protocol, the session's permissions and dev
 * CSP, the navigation rules of every web page, and the origin check in front of a library's IPC
 * handlers.
 */
import { pathToFileURL } from 'node:url';

import { net, protocol, shell, type Session, type WebContents } from 'electron';

import {
  contentTypeFor,
  decideNavigation,
  decideWindowOpen,
  describeUrlForLog,
  isAppUrl,
  isPermissionAllowed,
  mustCloseAfterCommit,
  resolveRendererFile,
  type NavigationDecision,
  type NavigationPolicy,
  type RendererOrigin,
} from './policy';

export interface RendererProtocolOptions extends RendererOrigin {
  /** Folder of the built renderer (out/renderer). */
  rootDir: string;
  contentSecurityPolicy: string;
}

/**
 * Serves the built renderer from `<scheme>://renderer/`, never from file://: a stable origin for
 * Clerk's allowed origins and main's IPC sender checks, no file:// privileges for web content, and
 * the CSP on every response. (@clerk/electron's bridge registers the scheme as privileged.) Call once
 * the app is ready; returns a function that unregisters the handler.
 */
export function registerRendererProtocol(options: RendererProtocolOptions): () => void {
  protocol.handle(options.scheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 });
    }
    const file = resolveRendererFile(options.rootDir, request.url, options);
    if (file === null) return new Response('Not found', { status: 404 });

    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Type', contentTypeFor(file));
    headers.set('Content-Security-Policy', options.contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
  return () => protocol.unhandle(options.scheme);
}

export interface SessionSecurityOptions {
  appOrigins: readonly string[];
  contentSecurityPolicy: string;
  /** Set in development only: responses from this origin get the CSP header. */
  devServerOrigin: string | null;
}

/** Permission requests, and the CSP header on dev-server pages (packaged pages get it from the protocol). */
export function secureSession(session: Session, options: SessionSecurityOptions): void {
  const { appOrigins } = options;

  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, appOrigins));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, appOrigins),
  );

  if (options.devServerOrigin) {
    session.webRequest.onHeadersReceived({ urls: [`${options.devServerOrigin}/*`] }, (details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [options.contentSecurityPolicy],
        },
      });
    });
  }
}

/** The part of Electron's WebContents the rules use (tests pass a fake). */
export type WebContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'close'>;

export interface WebContentsDeps {
  openExternal: (url: string) => Promise<void>;
  log: (line: string) => void;
}

const electronDeps: WebContentsDeps = {
  openExternal: (url) => shell.openExternal(url),
  log: (line) => console.warn(line),
};

/** The navigation rules, applied to a web page; registered on `web-contents-created`, so none is missed. */
export function secureWebContents(
  contents: WebContentsLike,
  policy: NavigationPolicy,
  deps: WebContentsDeps = electronDeps,
): void {
  function apply(decision: NavigationDecision, url: string, preventDefault: () => void): void {
    if (decision === 'allow') return;
    preventDefault();
    if (decision === 'open-in-browser') {
      deps
        .openExternal(url)
        .catch((error: unknown) => deps.log(`Could not open ${describeUrlForLog(url)} in the browser: ${String(error)}`));
    } else {
      deps.log(`Blocked navigation to ${describeUrlForLog(url)} (not an app page, not an allowed external host)`);
    }
  }

  contents.on('will-navigate', (event) => {
    apply(decideNavigation(event.url, policy), event.url, () => event.preventDefault());
  });
  contents.on('will-redirect', (event) => {
    if (!event.isMainFrame) return;
    apply(decideNavigation(event.url, policy), event.url, () => event.preventDefault());
  });
  contents.on('did-navigate', (_event, url) => {
    if (!mustCloseAfterCommit(url, policy.appOrigins)) return;
    deps.log(`Closed a window whose page left the app for ${describeUrlForLog(url)}`);
    contents.close();
  });
  contents.setWindowOpenHandler(({ url }) => {
    apply(decideWindowOpen(url, policy), url, () => {});
    return { action: 'deny' };
  });
  // No <webview> tags: they would bypass every rule above.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The part of Electron's `IpcMainInvokeEvent` the checks read. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
  readonly sender?: { readonly id: number };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ipcMain.handle's listeners take any arguments
type InvokeListener = (event: InvokeEventLike, ...args: any[]) => unknown;

/** The part of Electron's `ipcMain` used while registering. */
export interface IpcMainHandleLike {
  handle(channel: string, listener: InvokeListener): void;
}

/**
 * Runs `register`; every handler it adds with `ipcMain.handle` meanwhile is registered as
 * `wrap(channel, handler)` instead. Returns what `register` returns and the channels it registered.
 */
export function withWrappedHandlers<T>(
  ipcMain: IpcMainHandleLike,
  wrap: (channel: string, listener: InvokeListener) => InvokeListener,
  register: () => T,
): { result: T; channels: string[] } {
  const hadOwnHandle = Object.prototype.hasOwnProperty.call(ipcMain, 'handle');
  const originalHandle = ipcMain.handle;
  const channels: string[] = [];
  ipcMain.handle = (channel, listener) => {
    channels.push(channel);
    originalHandle.call(ipcMain, channel, wrap(channel, listener));
  };
  try {
    return { result: register(), channels };
  } finally {
    if (hadOwnHandle) ipcMain.handle = originalHandle;
    else delete (ipcMain as Partial<IpcMainHandleLike>).handle;
  }
}

export class DisallowedSenderError extends Error {
  override name = 'DisallowedSenderError';
}

/** True when the event comes from a frame showing one of the app's pages. */
export function isAllowedInvokeSender(event: InvokeEventLike, appOrigins: readonly string[]): boolean {
  const frame = event.senderFrame;
  return frame !== null && isAppUrl(frame.url, appOrigins);
}

/**
 * `@clerk/electron` registers its IPC handlers (the long-lived client token, OAuth) checking only
 * that the sender is a main frame, not which page is in it. Registered inside this, each one first
 * refuses calls from any origin but the app's, the rule the app's tRPC channel follows.
 */
export function withOriginCheckedHandlers<T>(
  ipcMain: IpcMainHandleLike,
  appOrigins: readonly string[],
  register: () => T,
  log: (line: string) => void = console.warn,
): { result: T; channels: string[] } {
  return withWrappedHandlers(
    ipcMain,
    (channel, listener) =>
      (event, ...args) => {
        if (!isAllowedInvokeSender(event, appOrigins)) {
          log(`Refused ${channel} from ${event.senderFrame ? describeUrlForLog(event.senderFrame.url) : 'a frame that is gone'}`);
          throw new DisallowedSenderError(`${channel} is only available to the app's own pages.`);
        }
        return listener(event, ...args);
      },
    register,
  );
}

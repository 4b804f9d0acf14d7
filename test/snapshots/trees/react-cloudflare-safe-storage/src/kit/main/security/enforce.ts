/** Applies ./policy to Electron: the renderer's protocol, permissions, navigation and the origin check of IPC handlers. */
import { pathToFileURL } from 'node:url';
import { net, protocol, shell, type Session, type WebContents } from 'electron';
import * as policy from './policy';

/** Serves the built renderer from `<scheme>://renderer/` (never file://: a stable origin), CSP on every response. */
export function registerRendererProtocol(
  options: policy.RendererOrigin & { rootDir: string; contentSecurityPolicy: string },
): () => void {
  protocol.handle(options.scheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const file = policy.resolveRendererFile(options.rootDir, request.url, options);
    if (file === null) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Type', policy.contentTypeFor(file));
    headers.set('Content-Security-Policy', options.contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
  return () => protocol.unhandle(options.scheme);
}

/** Permission requests, and the CSP header on dev-server pages (packaged pages get it from the protocol). */
export function secureSession(
  session: Session,
  options: { appOrigins: readonly string[]; contentSecurityPolicy: string; devServerOrigin: string | null },
): void {
  const { appOrigins, contentSecurityPolicy, devServerOrigin } = options;
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(policy.isPermissionAllowed(permission, details.requestingUrl, appOrigins));
  });
  session.setPermissionCheckHandler((_contents, permission, origin) =>
    policy.isPermissionAllowed(permission, origin, appOrigins),
  );
  if (!devServerOrigin) return;
  session.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
}

/** The part of Electron's WebContents the rules use (tests pass a fake). */
export type WebContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'close'>;
type WebContentsDeps = { openExternal: (url: string) => Promise<void>; log: (line: string) => void };
const electronDeps: WebContentsDeps = { openExternal: (url) => shell.openExternal(url), log: (line) => console.warn(line) };

/** The navigation rules, applied to a web page; registered on `web-contents-created`, so none is missed. */
export function secureWebContents(
  contents: WebContentsLike,
  rules: policy.NavigationPolicy,
  deps: WebContentsDeps = electronDeps,
): void {
  const where = policy.describeUrlForLog;
  function apply(decision: policy.NavigationDecision, url: string, event?: { preventDefault(): void }): void {
    if (decision === 'allow') return;
    event?.preventDefault();
    if (decision === 'deny')
      return deps.log(`Blocked navigation to ${where(url)} (not an app page, not an allowed external host)`);
    deps.openExternal(url).catch((error: unknown) => deps.log(`Could not open ${where(url)} in the browser: ${String(error)}`));
  }
  const navigate = (event: { url: string; preventDefault(): void }) =>
    apply(policy.decideNavigation(event.url, rules), event.url, event);
  contents.on('will-navigate', navigate);
  contents.on('will-redirect', (event) => event.isMainFrame && navigate(event));
  contents.on('did-navigate', (_event, url) => {
    if (!policy.mustCloseAfterCommit(url, rules.appOrigins)) return;
    deps.log(`Closed a window whose page left the app for ${where(url)}`);
    contents.close();
  });
  contents.setWindowOpenHandler(({ url }) => {
    apply(policy.decideWindowOpen(url, rules), url);
    return { action: 'deny' };
  });
  // No <webview> tags: they would bypass every rule above.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The part of Electron's `IpcMainInvokeEvent` the checks read. */
type InvokeEventLike = { readonly senderFrame: { readonly url: string } | null; readonly sender?: { readonly id: number } };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ipcMain.handle's listeners take any arguments
type InvokeListener = (event: InvokeEventLike, ...args: any[]) => unknown;

export type IpcMainHandleLike = { handle(channel: string, listener: InvokeListener): void };
type GuardOptions = { log?: (line: string) => void; onHandled?: (channel: string, event: InvokeEventLike) => void };

export class DisallowedSenderError extends Error {
  override name = 'DisallowedSenderError';
}

export function isAllowedInvokeSender(event: InvokeEventLike, appOrigins: readonly string[]): boolean {
  return event.senderFrame !== null && policy.isAppUrl(event.senderFrame.url, appOrigins);
}

/**
 * `@clerk/electron` registers its IPC handlers (client token, OAuth) checking only that the sender is a
 * main frame. Every handler `register` adds with `ipcMain.handle` first refuses calls from any origin but
 * the app's, the rule the app's tRPC channel follows; `onHandled` hears of each checked call that succeeded.
 * Returns what `register` returns and the channels it registered.
 */
export function withOriginCheckedHandlers<T>(
  ipcMain: IpcMainHandleLike,
  appOrigins: readonly string[],
  register: () => T,
  { log = console.warn, onHandled }: GuardOptions = {},
): { result: T; channels: string[] } {
  const hadOwnHandle = Object.prototype.hasOwnProperty.call(ipcMain, 'handle');
  const originalHandle = ipcMain.handle;
  const channels: string[] = [];
  ipcMain.handle = (channel, listener) => {
    channels.push(channel);
    originalHandle.call(ipcMain, channel, function (event: InvokeEventLike, ...args: unknown[]) {
      if (!isAllowedInvokeSender(event, appOrigins)) {
        const frame = event.senderFrame;
        log(`Refused ${channel} from ${frame ? policy.describeUrlForLog(frame.url) : 'a frame that is gone'}`);
        throw new DisallowedSenderError(`${channel} is only available to the app's own pages.`);
      }
      const result = listener(event, ...args);
      return onHandled ? Promise.resolve(result).then((value) => (onHandled(channel, event), value)) : result;
    });
  };
  try {
    return { result: register(), channels };
  } finally {
    if (hadOwnHandle) ipcMain.handle = originalHandle;
    else delete (ipcMain as Partial<IpcMainHandleLike>).handle;
  }
}

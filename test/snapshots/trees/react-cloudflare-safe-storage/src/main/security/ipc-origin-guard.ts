/**
 * Puts invoke handlers that a library registers behind the app's origin check.
 *
 * `@clerk/electron` registers its IPC handlers (the long-lived client token: `clerk:token-cache:*`;
 * OAuth: `clerk:oauth:*`) with `ipcMain.handle` and checks only that the sender is a window's main
 * frame, not which page is in it. A main frame that ended up on another origin could then read the
 * client token. Registering the bridge inside {@link withOriginCheckedHandlers} wraps each handler it
 * registers, so a call from any origin but the app's own is refused before Clerk's code runs, the
 * same rule the app's tRPC channel follows (src/ipc/main/handler.ts).
 */
import { describeUrlForLog, isAppUrl } from './origins';

/** The part of Electron's `IpcMainInvokeEvent` the check reads. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ipcMain.handle's listeners take any arguments
type InvokeListener = (event: InvokeEventLike, ...args: any[]) => unknown;

/** The part of Electron's `ipcMain` used while registering. */
export interface IpcMainHandleLike {
  handle(channel: string, listener: InvokeListener): void;
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
 * Runs `register`; every handler it adds with `ipcMain.handle` meanwhile first checks the sender.
 * Returns what `register` returns and the channels it registered.
 */
export function withOriginCheckedHandlers<T>(
  ipcMain: IpcMainHandleLike,
  appOrigins: readonly string[],
  register: () => T,
  log: (line: string) => void = console.warn,
): { result: T; channels: string[] } {
  const hadOwnHandle = Object.prototype.hasOwnProperty.call(ipcMain, 'handle');
  const originalHandle = ipcMain.handle;
  const channels: string[] = [];
  ipcMain.handle = (channel, listener) => {
    channels.push(channel);
    originalHandle.call(ipcMain, channel, (event, ...args) => {
      if (!isAllowedInvokeSender(event, appOrigins)) {
        log(`Refused ${channel} from ${event.senderFrame ? describeUrlForLog(event.senderFrame.url) : 'a frame that is gone'}`);
        throw new DisallowedSenderError(`${channel} is only available to the app's own pages.`);
      }
      return listener(event, ...args);
    });
  };
  try {
    return { result: register(), channels };
  } finally {
    if (hadOwnHandle) ipcMain.handle = originalHandle;
    else delete (ipcMain as Partial<IpcMainHandleLike>).handle;
  }
}

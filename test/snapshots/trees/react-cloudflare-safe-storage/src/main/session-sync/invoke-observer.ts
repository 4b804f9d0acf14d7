/**
 * Tells main when a library's `ipcMain.handle` handler ran successfully, without changing it:
 * main learns that Clerk cleared its client token (a sign-out) from `clerk:token-cache:clear`.
 * Used like ../security/ipc-origin-guard.ts, around the code that registers the handlers (nested
 * inside the origin check, so only calls that passed it are observed).
 */
import type { IpcMainHandleLike } from '../security/ipc-origin-guard';

/** Channel of @clerk/electron's handler that deletes the long-lived client token. */
export const CLERK_CLEAR_TOKEN_CHANNEL = 'clerk:token-cache:clear';

export interface InvokeEventLike {
  readonly sender?: { readonly id: number };
}

export function withInvokeObserver<T>(
  ipcMain: IpcMainHandleLike,
  onHandled: (channel: string, event: InvokeEventLike) => void,
  register: () => T,
): T {
  const hadOwnHandle = Object.prototype.hasOwnProperty.call(ipcMain, 'handle');
  const originalHandle = ipcMain.handle;
  ipcMain.handle = (channel, listener) => {
    originalHandle.call(ipcMain, channel, async (event, ...args) => {
      const result = await listener(event, ...args);
      onHandled(channel, event as InvokeEventLike);
      return result;
    });
  };
  try {
    return register();
  } finally {
    if (hadOwnHandle) ipcMain.handle = originalHandle;
    else delete (ipcMain as Partial<IpcMainHandleLike>).handle;
  }
}

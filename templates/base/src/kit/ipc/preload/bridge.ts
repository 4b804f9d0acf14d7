/**
 * The bridge the preload exposes as `window.appTrpc`: send to main, listen to main, nothing else. The page never gets
 * `ipcRenderer` (it could send on any channel) nor the `IpcRendererEvent` (its `sender` is `ipcRenderer`). Each bridge
 * tags what it sends with a random id of its document: once a navigation commits, main drops the old one's messages.
 */
import { IPC_REQUEST_CHANNEL, IPC_RESPONSE_CHANNEL, type IpcBridge, type MainMessage } from '../protocol';

/** The part of Electron's `ipcRenderer` the bridge uses (src/kit/preload.ts passes it). */
export interface IpcRendererLike {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** One IPC listener serves every page listener, attached while there is at least one. */
export function createIpcBridge(ipc: IpcRendererLike): IpcBridge {
  // getRandomValues, unlike randomUUID, works outside secure contexts too.
  const documentId = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  const listeners = new Set<(message: MainMessage) => void>();
  const dispatch = (_event: unknown, message: unknown): void => {
    for (const listener of listeners) listener(message as MainMessage);
  };
  return {
    send: (message) => ipc.send(IPC_REQUEST_CHANNEL, message, documentId),
    onMessage(listener) {
      const entry = (message: MainMessage): void => listener(message); // the same function twice: two subscriptions
      if (listeners.size === 0) ipc.on(IPC_RESPONSE_CHANNEL, dispatch);
      listeners.add(entry);
      return () => {
        if (listeners.delete(entry) && listeners.size === 0) ipc.removeListener(IPC_RESPONSE_CHANNEL, dispatch);
      };
    },
  };
}

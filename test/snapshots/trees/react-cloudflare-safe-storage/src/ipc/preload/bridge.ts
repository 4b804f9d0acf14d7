/**
 * The minimal IPC bridge the preload exposes to the renderer as `window.appTrpc`.
 *
 * The renderer gets exactly two functions: send a message to main, and listen to main's messages.
 * It never gets `ipcRenderer` itself (which could send on any channel) nor the `IpcRendererEvent`
 * (whose `sender` is `ipcRenderer`): listeners receive the message only.
 *
 * The preload runs once per document, so each bridge tags what it sends with a random id of its
 * document: after a navigation commits, main drops the late messages of the document it replaced.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_BRIDGE_GLOBAL,
  IPC_REQUEST_CHANNEL,
  IPC_RESPONSE_CHANNEL,
  type IpcBridge,
  type MainMessage,
  type RendererMessage,
} from '../protocol';

/** The part of Electron's `ipcRenderer` the bridge uses (a seam for tests). */
export interface IpcRendererLike {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** 128 random bits as hex (getRandomValues, unlike randomUUID, works outside secure contexts too). */
function randomId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Builds the bridge over an `ipcRenderer`-like object. One IPC listener serves every renderer
 * listener; it is attached while at least one renderer listener exists.
 */
export function createIpcBridge(ipc: IpcRendererLike): IpcBridge {
  const documentId = randomId();
  const listeners = new Set<(message: MainMessage) => void>();
  const dispatch = (_event: unknown, message: unknown): void => {
    for (const listener of listeners) listener(message as MainMessage);
  };

  return {
    send(message: RendererMessage): void {
      ipc.send(IPC_REQUEST_CHANNEL, message, documentId);
    },
    onMessage(listener: (message: MainMessage) => void): () => void {
      // Wrap so that the same function registered twice gets two independent subscriptions.
      const entry = (message: MainMessage): void => listener(message);
      if (listeners.size === 0) ipc.on(IPC_RESPONSE_CHANNEL, dispatch);
      listeners.add(entry);
      return () => {
        if (!listeners.delete(entry)) return;
        if (listeners.size === 0) ipc.removeListener(IPC_RESPONSE_CHANNEL, dispatch);
      };
    },
  };
}

/** Exposes the bridge as `window.appTrpc` in the renderer's main world. Call once from the preload. */
export function exposeIpcBridge(): void {
  contextBridge.exposeInMainWorld(IPC_BRIDGE_GLOBAL, createIpcBridge(ipcRenderer));
}

/**
 * The messages between the renderer's tRPC link and main's IPC handler, and the preload's bridge that carries them. All
 * of it is structured-cloneable: inputs and outputs are already serialised by the tRPC transformer (superjson).
 */

/** Renderer → main (ipcRenderer.send → ipcMain.on); main → the asking frame only (WebFrameMain.send → ipcRenderer.on). */
export const IPC_REQUEST_CHANNEL = 'trpc-ipc:request';
export const IPC_RESPONSE_CHANNEL = 'trpc-ipc:response';
export const IPC_BRIDGE_GLOBAL = 'appTrpc';

export type OperationType = 'query' | 'mutation' | 'subscription';

/**
 * Run a procedure. `id` is unique per client (random prefix + counter); `token` is null when signed out, or with
 * `tokenUnavailable` when signed in but no token could be had (offline): not a sign-out.
 */
export type OperationMessage = {
  type: OperationType;
  id: string;
  path: string;
  input: unknown;
  token: string | null;
  tokenUnavailable?: true;
};

/** `cancel` aborts a query or mutation, `stop` a subscription; `token` answers a token request. */
export type RendererMessage =
  | OperationMessage
  | { type: 'cancel'; id: string }
  | { type: 'stop'; id: string }
  | { type: 'token'; requestId: number; token: string | null };

/**
 * `result` or `error` ends a query or mutation; a subscription sends `started`, `data` (with the `tracked()`
 * id), then `stopped` or `error`. `session`: another window changed the user or organization (session-sync).
 */
export type MainMessage =
  | { type: 'result'; id: string; data: unknown }
  | { type: 'error'; id: string; error: unknown }
  | { type: 'started' | 'stopped'; id: string }
  | { type: 'data'; id: string; data: unknown; eventId?: string }
  | { type: 'token-request'; requestId: number }
  | { type: 'session'; userId: string | null; orgId: string | null };
export type SessionMessage = Extract<MainMessage, { type: 'session' }>;

/** What `window.appTrpc` offers the renderer: these two functions and nothing else. */
export interface IpcBridge {
  send(message: RendererMessage): void;
  /** Every message main sends to this frame; returns the unsubscribe function. */
  onMessage(listener: (message: MainMessage) => void): () => void;
}

declare global {
  interface Window {
    readonly appTrpc: IpcBridge;
  }
}

/** The part of Electron's `ipcRenderer` the bridge uses (src/kit/preload.ts passes it). */
export interface IpcRendererLike {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * The preload's `window.appTrpc`. The page never gets `ipcRenderer` (it could send on any channel) nor the `IpcRendererEvent`
 * (its `sender` is `ipcRenderer`). Each bridge tags what it sends with a random id of its document: once a navigation
 * commits, main drops the old one's messages. One IPC listener serves every page listener, while there is at least one.
 */
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

/** A message as JSON would carry it (functions dropped, a Promise as `{}`), as over HTTP; null when JSON cannot. */
export function jsonView<T>(message: T): T | null {
  try {
    return JSON.parse(JSON.stringify(message)) as T;
  } catch {
    return null;
  }
}

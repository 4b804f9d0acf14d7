/**
 * The wire protocol between the renderer's tRPC link and main's IPC handler.
 *
 * Shared by main, preload and renderer. Everything in these messages is structured-cloneable:
 * no functions, no AbortSignal, no class instances (inputs and outputs are already serialised by
 * the tRPC transformer, superjson here, so a `Date` travels as plain data and comes back a `Date`).
 *
 *   renderer ──(REQUEST channel: RendererMessage)──► main
 *   renderer ◄──(RESPONSE channel: MainMessage)───── main
 */

/** Channel the renderer sends on (ipcRenderer.send → ipcMain.on). */
export const IPC_REQUEST_CHANNEL = 'trpc-ipc:request';
/** Channel main answers on (WebFrameMain.send → ipcRenderer.on), only to the frame that asked. */
export const IPC_RESPONSE_CHANNEL = 'trpc-ipc:response';
/** Name of the bridge on `window` (exposed by the preload through contextBridge). */
export const IPC_BRIDGE_GLOBAL = 'appTrpc';

export type OperationType = 'query' | 'mutation' | 'subscription';

// ─── renderer → main ────────────────────────────────────────────────────────────────────────────

/** Run a procedure. `id` is unique per tRPC client instance (random prefix + counter). */
export interface OperationMessage {
  type: OperationType;
  id: string;
  path: string;
  /** Already serialised by the transformer. */
  input: unknown;
  /** The Clerk session JWT at the time of the call, or null when signed out. */
  token: string | null;
  /**
   * Set with `token: null` when the renderer is signed in but could not get a token (offline):
   * main then treats the call as unauthenticated without taking it for a sign-out.
   */
  tokenUnavailable?: true;
}

/** Abort a running query or mutation (its AbortSignal fired in the renderer). */
export interface CancelMessage {
  type: 'cancel';
  id: string;
}

/** Stop a subscription (the renderer unsubscribed). */
export interface StopMessage {
  type: 'stop';
  id: string;
}

/** The renderer's answer to a {@link TokenRequestMessage}. */
export interface TokenReplyMessage {
  type: 'token';
  requestId: number;
  token: string | null;
}

export type RendererMessage = OperationMessage | CancelMessage | StopMessage | TokenReplyMessage;

// ─── main → renderer ────────────────────────────────────────────────────────────────────────────

/** The result of a query or mutation (serialised by the transformer). Ends the operation. */
export interface ResultMessage {
  type: 'result';
  id: string;
  data: unknown;
}

/** The error of any operation: the router's error shape, serialised. Ends the operation. */
export interface ErrorMessage {
  type: 'error';
  id: string;
  error: unknown;
}

/** A subscription is running. */
export interface StartedMessage {
  type: 'started';
  id: string;
}

/** One subscription event (serialised). `eventId` is set for events yielded with `tracked()`. */
export interface DataMessage {
  type: 'data';
  id: string;
  data: unknown;
  eventId?: string;
}

/** A subscription ended (completed, or stopped by the renderer). Ends the operation. */
export interface StoppedMessage {
  type: 'stopped';
  id: string;
}

/** Main needs a fresh session token for this window; answer with a {@link TokenReplyMessage}. */
export interface TokenRequestMessage {
  type: 'token-request';
  requestId: number;
}

/**
 * Another window signed in or out, or switched organization (src/kit/main/session-sync): the user
 * now signed in to the app (null: nobody) and their active organization. A page whose Clerk shows
 * another user or organization reloads, so that Clerk reads the client main keeps, which every
 * window shares.
 */
export interface SessionMessage {
  type: 'session';
  userId: string | null;
  orgId: string | null;
}

export type MainMessage =
  ResultMessage | ErrorMessage | StartedMessage | DataMessage | StoppedMessage | TokenRequestMessage | SessionMessage;

// ─── the bridge the preload exposes ─────────────────────────────────────────────────────────────

/** What `window.appTrpc` offers the renderer: nothing more than these two functions. */
export interface IpcBridge {
  /** Send one message to main. */
  send(message: RendererMessage): void;
  /** Receive every message main sends to this frame. Returns the unsubscribe function. */
  onMessage(listener: (message: MainMessage) => void): () => void;
}

declare global {
  interface Window {
    /** Exposed by src/kit/ipc/preload/bridge.ts; used by src/kit/ipc/renderer/link.ts. */
    readonly appTrpc: IpcBridge;
  }
}

/**
 * Messages between main and a utility process started by ./run-in-utility-process.ts, over the
 * MessagePort main hands it. The worker gets the caller's identity, never a token; it may ask main
 * for a fresh one (main answers only while the caller's window is still signed in as that user and
 * session; otherwise it ends the worker).
 */

/** Who the work is for: `ctx.auth` without its claims, and never the token. */
export interface WorkerIdentity {
  userId: string;
  sessionId: string;
  status: string;
}

export type MainToWorker =
  { type: 'start'; identity: WorkerIdentity | null; input: unknown } | { type: 'token'; requestId: number; token: string };

export type WorkerToMain =
  { type: 'token-request'; requestId: number } | { type: 'result'; value: unknown } | { type: 'error'; message: string };

/** The part of Electron's `MessagePortMain` used on both sides. */
export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
  close(): void;
}

export function identityOf(auth: WorkerIdentity | null): WorkerIdentity | null {
  return auth === null ? null : { userId: auth.userId, sessionId: auth.sessionId, status: auth.status };
}

/**
 * Main's side of tRPC over IPC, free of Electron imports so it can be tested in plain Node.
 * src/main/ipc/electron-glue.ts connects it to the real `ipcMain` and window events.
 *
 * For every message from a renderer it:
 *   1. checks the sender: a frame must exist and its origin must be one of the app's own origins,
 *      otherwise the message is dropped and nothing runs;
 *   2. takes the session token off the message and keeps it as the window's latest (memory only);
 *   3. verifies the token (cached per token, so usually a Map lookup) and builds the context;
 *   4. runs the procedure through tRPC's server API (`callTRPCProcedure`), so lazy routers, the
 *      error formatter, the transformer, `tracked()` and async-generator or observable
 *      subscriptions behave as in tRPC's own adapters;
 *   5. replies to the frame that asked, and only to it.
 * In-flight calls and subscriptions are aborted when the renderer cancels or stops them, and all of
 * a window's are aborted and forgotten when it navigates, reloads or is destroyed (`forgetWindow`).
 */
import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  isTrackedEnvelope,
  TRPCError,
  type AnyTRPCRouter,
  type inferRouterContext,
  type TRPCProcedureType,
} from '@trpc/server';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import {
  IPC_RESPONSE_CHANNEL,
  type MainMessage,
  type OperationMessage,
  type OperationType,
  type RendererMessage,
} from '../../shared/ipc-protocol';
import { createFreshTokenGetter, createTokenRequests } from '../auth/fresh-token';
import type { SessionAuth, SessionVerifier } from '../auth/verify-session';
import { createWindowTokens, type WindowTokens } from '../auth/window-tokens';

/** The part of Electron's `WebFrameMain` the handler uses. */
export interface IpcFrameLike {
  /** e.g. `myapp://renderer` or `http://localhost:5173` */
  readonly origin: string;
  /** True once the frame has left the frame tree (Electron sets it; fakes may omit it). */
  readonly detached?: boolean;
  send(channel: string, message: MainMessage): void;
}

/** The part of Electron's `IpcMainEvent` the handler uses. */
export interface IpcEventLike {
  readonly sender: { readonly id: number };
  /** Null when the frame navigated or was destroyed before the message was handled. */
  readonly senderFrame: IpcFrameLike | null;
}

/** What the handler knows about one call; `createContext` turns it into the router's context. */
export interface IpcCallInfo {
  /** `webContents.id` of the calling window */
  windowId: number;
  token: string | null;
  auth: SessionAuth | null;
  /** Fresh token for this window (src/main/auth/fresh-token.ts). */
  getFreshToken: () => Promise<string | null>;
  type: OperationType;
  path: string;
  /** Aborted when the call is cancelled or its window goes away. */
  signal: AbortSignal;
}

export interface IpcErrorInfo {
  error: TRPCError;
  windowId: number;
  type: OperationType | 'unknown';
  path: string | undefined;
}

export interface IpcHandlerOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  createContext: (call: IpcCallInfo) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  /** Origins allowed to call, e.g. `['myapp://renderer']` (+ the Vite dev server origin in dev). */
  allowedOrigins: readonly string[];
  verifier: SessionVerifier;
  /** Errors of procedures (not cancellations) and rejected messages. Never given a token. */
  onError?: (info: IpcErrorInfo) => void;
  /** Fresh-token tuning: see src/main/auth/fresh-token.ts. */
  freshToken?: { minTimeLeftSeconds?: number; timeoutMs?: number };
  /** Injected for tests; one is created otherwise. */
  tokens?: WindowTokens;
}

export interface IpcHandler {
  /** Handle one message from a renderer (ipcMain's listener calls this). */
  receive(event: IpcEventLike, message: unknown): void;
  /** Abort and forget everything of a window: calls, subscriptions, token, pending token requests. */
  forgetWindow(windowId: number): void;
  /** A token for work main starts itself for this window (asks its renderer when stale). */
  getFreshToken(windowId: number): Promise<string | null>;
  /** Number of calls and subscriptions in flight for a window (diagnostics and tests). */
  inFlight(windowId: number): number;
  /** Forget every window. */
  dispose(): void;
}

interface WindowState {
  /** The last frame that sent a valid message: token requests go there. */
  frame: IpcFrameLike;
  calls: Map<string, AbortController>;
  getFreshToken: () => Promise<string | null>;
}

const OPERATION_TYPES: ReadonlySet<string> = new Set<OperationType>(['query', 'mutation', 'subscription']);

/** Narrow an untrusted message; anything else is dropped. */
function parseMessage(message: unknown): RendererMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  const type = m['type'];
  if (typeof type !== 'string') return null;
  if (OPERATION_TYPES.has(type)) {
    const token = m['token'];
    return typeof m['id'] === 'string' && typeof m['path'] === 'string' && (token === null || typeof token === 'string')
      ? (m as unknown as OperationMessage)
      : null;
  }
  if (type === 'cancel' || type === 'stop') return typeof m['id'] === 'string' ? (m as unknown as RendererMessage) : null;
  if (type === 'token') {
    const token = m['token'];
    return typeof m['requestId'] === 'number' && (token === null || typeof token === 'string')
      ? (m as unknown as RendererMessage)
      : null;
  }
  return null;
}

const ABORTED = Symbol('aborted');

export function createIpcHandler<TRouter extends AnyTRPCRouter>(options: IpcHandlerOptions<TRouter>): IpcHandler {
  const { router, verifier } = options;
  const config = router._def._config;
  const transformer = config.transformer;
  const allowedOrigins = new Set(options.allowedOrigins);
  const tokens = options.tokens ?? createWindowTokens();
  const windows = new Map<number, WindowState>();

  const tokenRequests = createTokenRequests({
    timeoutMs: options.freshToken?.timeoutMs,
    send: (windowId, message) => {
      const frame = windows.get(windowId)?.frame;
      return frame !== undefined && trySend(frame, message);
    },
  });
  const getFreshToken = createFreshTokenGetter({
    tokens,
    requests: tokenRequests,
    minTimeLeftSeconds: options.freshToken?.minTimeLeftSeconds,
  });

  function reportError(info: IpcErrorInfo): void {
    try {
      options.onError?.(info);
    } catch {
      // a failing error reporter must not break the handler
    }
  }

  function trySend(frame: IpcFrameLike, message: MainMessage): boolean {
    if (frame.detached) return false;
    try {
      frame.send(IPC_RESPONSE_CHANNEL, message);
      return true;
    } catch {
      return false; // the frame went away meanwhile
    }
  }

  function windowState(windowId: number, frame: IpcFrameLike): WindowState {
    let state = windows.get(windowId);
    if (!state) {
      state = { frame, calls: new Map(), getFreshToken: () => getFreshToken(windowId) };
      windows.set(windowId, state);
    } else if (state.frame !== frame) {
      state.frame = frame;
    }
    return state;
  }

  function forgetWindow(windowId: number): void {
    const state = windows.get(windowId);
    windows.delete(windowId);
    tokens.delete(windowId);
    tokenRequests.cancelWindow(windowId);
    if (!state) return;
    for (const controller of state.calls.values()) controller.abort();
    state.calls.clear();
  }

  function receive(event: IpcEventLike, raw: unknown): void {
    const frame = event.senderFrame;
    const windowId = event.sender.id;
    if (frame === null || !allowedOrigins.has(frame.origin)) {
      reportError({
        error: new TRPCError({ code: 'FORBIDDEN', message: `IPC message from a disallowed sender (${frame ? frame.origin : 'no frame'}) dropped` }),
        windowId,
        type: 'unknown',
        path: undefined,
      });
      return;
    }
    const message = parseMessage(raw);
    if (message === null) {
      reportError({
        error: new TRPCError({ code: 'PARSE_ERROR', message: 'Malformed IPC message dropped' }),
        windowId,
        type: 'unknown',
        path: undefined,
      });
      return;
    }
    switch (message.type) {
      case 'cancel':
      case 'stop':
        windows.get(windowId)?.calls.get(message.id)?.abort();
        return;
      case 'token':
        tokenRequests.settle(windowId, message.requestId, message.token);
        return;
      default: {
        const state = windowState(windowId, frame);
        tokens.set(windowId, message.token);
        if (state.calls.has(message.id)) {
          trySend(frame, errorMessage(message, new TRPCError({ code: 'BAD_REQUEST', message: `Duplicate id ${message.id}` }), undefined));
          return;
        }
        const controller = new AbortController();
        state.calls.set(message.id, controller);
        void runOperation(windowId, state, frame, message, controller);
      }
    }
  }

  function errorMessage(op: OperationMessage, error: TRPCError, ctx: unknown): MainMessage {
    const shape = getTRPCErrorShape({ config, error, type: op.type, path: op.path, input: op.input, ctx });
    return { type: 'error', id: op.id, error: transformer.output.serialize(shape) };
  }

  async function runOperation(
    windowId: number,
    state: WindowState,
    frame: IpcFrameLike,
    op: OperationMessage,
    controller: AbortController,
  ): Promise<void> {
    const { signal } = controller;
    const { id, type, path, token } = op;
    let ctx: inferRouterContext<TRouter> | undefined;
    try {
      const auth = token === null ? null : (verifier.cached(token) ?? (await verifier.verify(token)));
      if (signal.aborted) return;
      ctx = await options.createContext({ windowId, token, auth, getFreshToken: state.getFreshToken, type, path, signal });
      if (signal.aborted) return;

      const result: unknown = await callTRPCProcedure({
        router,
        path,
        type: type as TRPCProcedureType,
        ctx,
        signal,
        batchIndex: 0,
        getRawInput: async () => transformer.input.deserialize(op.input),
      });
      if (signal.aborted) return;

      if (type !== 'subscription') {
        trySend(frame, { type: 'result', id, data: transformer.output.serialize(result) });
        return;
      }
      if (!isObservable(result) && !isAsyncIterable(result)) {
        throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `Subscription ${path} did not return an observable or an async generator` });
      }
      const iterable = isObservable(result) ? observableToAsyncIterable(result, signal) : result;
      await streamSubscription(frame, id, iterable, controller);
    } catch (cause) {
      if (signal.aborted) return; // cancelled: nobody is waiting for an answer
      const error = getTRPCErrorFromUnknown(cause);
      reportError({ error, windowId, type, path });
      trySend(frame, errorMessage(op, error, ctx));
    } finally {
      if (state.calls.get(id) === controller) state.calls.delete(id);
    }
  }

  /** Sends `started`, each value, then `stopped` when the iterable ends; nothing once aborted. */
  async function streamSubscription(
    frame: IpcFrameLike,
    id: string,
    iterable: AsyncIterable<unknown>,
    controller: AbortController,
  ): Promise<void> {
    const { signal } = controller;
    const iterator = iterable[Symbol.asyncIterator]();
    // Lets an abort end the wait for the next value even if the generator is stuck. A fresh
    // promise per value (instead of racing one long-lived abort promise) keeps memory flat.
    let wake: ((value: typeof ABORTED) => void) | undefined;
    const onAbort = (): void => wake?.(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    let finished = false;
    try {
      if (!trySend(frame, { type: 'started', id })) return controller.abort();
      while (!signal.aborted) {
        const next = await new Promise<IteratorResult<unknown> | typeof ABORTED>((resolve, reject) => {
          wake = resolve;
          iterator.next().then(resolve, reject);
        });
        wake = undefined;
        if (next === ABORTED || signal.aborted) break;
        if (next.done) {
          finished = true;
          trySend(frame, { type: 'stopped', id });
          break;
        }
        const value = next.value;
        const message: MainMessage = isTrackedEnvelope(value)
          ? { type: 'data', id, eventId: value[0], data: transformer.output.serialize({ id: value[0], data: value[1] }) }
          : { type: 'data', id, data: transformer.output.serialize(value) };
        // A frame that can no longer receive (closed, navigated away) ends the subscription.
        if (!trySend(frame, message)) controller.abort();
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      // Stopped early (renderer, window, or a failed send): let the generator run its `finally`.
      // Not awaited, so that a stuck generator cannot hold this call open.
      if (!finished) void Promise.resolve(iterator.return?.()).catch(() => {});
    }
  }

  return {
    receive,
    forgetWindow,
    getFreshToken,
    inFlight: (windowId) => windows.get(windowId)?.calls.size ?? 0,
    dispose() {
      for (const windowId of [...windows.keys()]) forgetWindow(windowId);
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

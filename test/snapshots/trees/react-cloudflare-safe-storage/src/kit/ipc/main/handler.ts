/**
 * Main's side of tRPC over IPC, free of Electron imports so it can be tested in plain Node.
 * src/kit/ipc/main/electron-glue.ts connects it to the real `ipcMain` and window events.
 *
 * For every message from a renderer it:
 *   1. checks the sender: a frame must exist and its origin must be one of the app's own origins,
 *      otherwise the message is dropped and nothing runs;
 *   2. drops messages from a document the window has since replaced (navigation, reload);
 *   3. verifies the session token on the message (cached per token, so usually a Map lookup), keeps
 *      it as the window's latest only once verified (memory only), and builds the context;
 *   4. runs the procedure through tRPC's server API (`callTRPCProcedure`), so lazy routers, the
 *      error formatter, the transformer, `tracked()` and async-generator or observable
 *      subscriptions behave as in tRPC's own adapters; a call in a forwarded namespace (`forward`,
 *      e.g. `remote.*`) goes to its forwarder instead, with the same context, signal and errors;
 *   5. replies to the frame that asked, and only to it. Every query and mutation gets an answer: a
 *      value structured clone refuses is sent as JSON would carry it, or the call fails with
 *      INTERNAL_SERVER_ERROR (see ./frame-send.ts); only a frame that is gone gets nothing.
 * In-flight calls and subscriptions are aborted when the renderer cancels or stops them, and all of
 * a window's are aborted and forgotten when a new document commits (navigation, reload), its
 * renderer dies or it is destroyed. A navigation that only started may still be cancelled: the page
 * keeps its calls then (aborting them would leave them unanswered), only its token is forgotten.
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
import type { SessionAuth, SessionVerifier } from '../../main/auth/verify-session';
import type { MainMessage, OperationMessage, OperationType, RendererMessage } from '../protocol';
import {
  createFreshTokenGetter,
  createTokenRequests,
  createWindowTokens,
  verifiedExpiry,
  type WindowTokens,
} from './fresh-token';
import { isStreamLike, sendToFrame, type SendableFrame, type SendOutcome } from './frame-send';

/** The part of Electron's `WebFrameMain` the handler uses. */
export interface IpcFrameLike extends SendableFrame {
  /** e.g. `myapp://renderer` or `http://localhost:5173` */
  readonly origin: string;
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
  /** Fresh token for this window (src/kit/ipc/main/fresh-token.ts). */
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

/** A call in a forwarded namespace, its path without the namespace (`remote.notes.list` → `notes.list`). */
export interface ForwardedCall<TContext> {
  type: OperationType;
  path: string;
  /** Deserialised, not validated: the server it is forwarded to validates it. */
  input: unknown;
  ctx: TContext;
  signal: AbortSignal;
}

/** Answers a forwarded call as a procedure would: a value, or an async iterable for a subscription. */
export type Forwarder<TContext> = (call: ForwardedCall<TContext>) => unknown;

export interface IpcHandlerOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  /** Namespaces served by a forwarder instead of `router`, e.g. `{ remote: forwardToBackend }`. */
  forward?: Readonly<Record<string, Forwarder<inferRouterContext<TRouter>>>>;
  createContext: (call: IpcCallInfo) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  /** Origins allowed to call, e.g. `['myapp://renderer']` (+ the Vite dev server origin in dev). */
  allowedOrigins: readonly string[];
  verifier: SessionVerifier;
  /** Errors of procedures (not cancellations) and rejected messages. Never given a token. */
  onError?: (info: IpcErrorInfo) => void;
  /** Fresh-token tuning: see src/kit/ipc/main/fresh-token.ts. */
  freshToken?: { minTimeLeftSeconds?: number; timeoutMs?: number };
  /** Injected for tests; one is created otherwise. */
  tokens?: WindowTokens;
  /**
   * The verified user of a window's page changed: signed in (null → user), signed out (user →
   * null, a real `token: null`, not an unavailable token) or switched (user or organization). Not called for the first
   * call of a page (nothing to compare with). src/kit/main/session-sync uses it.
   */
  onIdentityChange?: (change: IdentityChange) => void;
}

export interface IdentityChange {
  windowId: number;
  previous: SessionAuth | null;
  next: SessionAuth | null;
}

export interface IpcHandler {
  /**
   * Handle one message from a renderer (ipcMain's listener calls this). `documentId` is the
   * preload's id of the document that sent it (see src/kit/ipc/preload/bridge.ts).
   */
  receive(event: IpcEventLike, message: unknown, documentId?: unknown): void;
  /** Abort and forget everything of a window: calls, subscriptions, token, pending token requests. */
  forgetWindow(windowId: number): void;
  /**
   * A cross-document navigation started. It may still be cancelled (e.g. `will-navigate` refused
   * it), so the page's calls go on; its token and pending token requests are forgotten.
   */
  navigationStarted(windowId: number): void;
  /**
   * A new document committed in the window (navigation, reload): forget the window as above, and
   * drop every later message from the documents it had before (their late calls must not bring
   * back state, e.g. the old page's token).
   */
  documentReplaced(windowId: number): void;
  /** The window is closed for good: forget it and everything remembered about it. */
  windowClosed(windowId: number): void;
  /** A token for work main starts itself for this window (asks its renderer when stale). */
  getFreshToken(windowId: number): Promise<string | null>;
  /** Number of calls and subscriptions in flight for a window (diagnostics and tests). */
  inFlight(windowId: number): number;
  /**
   * Sign-out everywhere: forget every window's token and known identity (their calls go on, and
   * each page's next call brings its own token). Returns the identities that were known.
   */
  forgetTokens(): SessionAuth[];
  /** Send `message` to the last frame of every window that has talked to main, but `exceptWindowId`. */
  broadcast(message: MainMessage, exceptWindowId?: number): number;
  /** Forget every window. */
  dispose(): void;
}

interface WindowState {
  /** The last frame that sent a valid message: token requests go there. */
  frame: IpcFrameLike;
  calls: Map<string, AbortController>;
  getFreshToken: () => Promise<string | null>;
  /** The page's last verified identity (null: signed out); undefined until its first call. */
  auth?: SessionAuth | null;
}

/** The documents (preload ids) of a window: kept across `forgetWindow`, until the window closes. */
interface WindowDocuments {
  /** Documents that sent messages since the last commit. */
  live: Set<string>;
  /** Documents the window has replaced: their messages are dropped. */
  retired: string[];
}

/** How many documents are remembered per window (a late message comes from a recent one). */
const MAX_RETIRED_DOCUMENTS = 16;

/** Calls and subscriptions one window may have in flight; past it, a call is refused at once. */
export const MAX_CALLS_IN_FLIGHT = 100;

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
  const documents = new Map<number, WindowDocuments>();

  const tokenRequests = createTokenRequests({
    timeoutMs: options.freshToken?.timeoutMs,
    send: (windowId, message) => {
      const frame = windows.get(windowId)?.frame;
      return frame !== undefined && sendToFrame(frame, message) === 'sent';
    },
  });
  const getFreshToken = createFreshTokenGetter({
    tokens,
    requests: tokenRequests,
    verify: (token) => Promise.resolve(verifier.cached(token) ?? verifier.verify(token)),
    minTimeLeftSeconds: options.freshToken?.minTimeLeftSeconds,
  });

  function reportError(info: IpcErrorInfo): void {
    try {
      options.onError?.(info);
    } catch {
      // a failing error reporter must not break the handler
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

  function navigationStarted(windowId: number): void {
    tokens.delete(windowId);
    tokenRequests.cancelWindow(windowId);
  }

  function documentReplaced(windowId: number): void {
    const docs = documents.get(windowId);
    if (docs) {
      docs.retired = [...docs.retired, ...docs.live].slice(-MAX_RETIRED_DOCUMENTS);
      docs.live.clear();
    }
    forgetWindow(windowId);
  }

  /** False for a document the window has replaced; remembers the others as live. */
  function acceptDocument(windowId: number, documentId: string | undefined): boolean {
    if (documentId === undefined) return true;
    let docs = documents.get(windowId);
    if (!docs) documents.set(windowId, (docs = { live: new Set(), retired: [] }));
    if (docs.retired.includes(documentId)) return false;
    if (docs.live.size < MAX_RETIRED_DOCUMENTS) docs.live.add(documentId); // bounded, whatever a page sends
    return true;
  }

  function reject(windowId: number, code: 'FORBIDDEN' | 'PARSE_ERROR', message: string): void {
    reportError({ error: new TRPCError({ code, message }), windowId, type: 'unknown', path: undefined });
  }

  function receive(event: IpcEventLike, raw: unknown, documentId?: unknown): void {
    const frame = event.senderFrame;
    const windowId = event.sender.id;
    if (frame === null || !allowedOrigins.has(frame.origin)) {
      return reject(windowId, 'FORBIDDEN', `IPC message from a disallowed sender (${frame ? frame.origin : 'no frame'}) dropped`);
    }
    if (!acceptDocument(windowId, typeof documentId === 'string' ? documentId : undefined)) {
      return reject(windowId, 'FORBIDDEN', 'IPC message from a replaced document dropped');
    }
    const message = parseMessage(raw);
    if (message === null) return reject(windowId, 'PARSE_ERROR', 'Malformed IPC message dropped');
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
        // Taken on arrival: a token stored later must not be overwritten by an older one verified late.
        const ticket = tokens.ticket();
        if (state.calls.has(message.id)) {
          const error = new TRPCError({ code: 'BAD_REQUEST', message: `Duplicate id ${message.id}` });
          sendError(frame, message, error, { input: undefined, ctx: undefined });
          return;
        }
        if (state.calls.size >= MAX_CALLS_IN_FLIGHT) {
          const error = new TRPCError({
            code: 'TOO_MANY_REQUESTS',
            message: `At most ${MAX_CALLS_IN_FLIGHT} calls in flight per window: wait for some to finish.`,
          });
          sendError(frame, message, error, { input: undefined, ctx: undefined });
          return;
        }
        const controller = new AbortController();
        state.calls.set(message.id, controller);
        void runOperation(windowId, state, frame, message, controller, ticket);
      }
    }
  }

  /**
   * Keeps a verified token as the window's latest; `null` (signed out) forgets it. Returns whether
   * it was applied (not overtaken by a later call's token).
   */
  function storeToken(windowId: number, ticket: number, token: string | null, auth: SessionAuth | null): boolean {
    if (token === null) return tokens.apply(windowId, ticket, null);
    const exp = auth === null ? null : verifiedExpiry(auth);
    return exp !== null && tokens.apply(windowId, ticket, { token, exp }); // forged or expired: never stored
  }

  /** Reports a change of the page's verified user (a forged or expired token changes nothing). */
  function noteIdentity(windowId: number, state: WindowState, next: SessionAuth | null): void {
    const previous = state.auth;
    state.auth = next;
    if (previous === undefined || (previous?.userId === next?.userId && previous?.orgId === next?.orgId)) return;
    try {
      options.onIdentityChange?.({ windowId, previous, next });
    } catch {
      // a failing listener must not break the call
    }
  }

  /** Sends the router's error shape for `error`; always reaches a frame that is still there. */
  function sendError(
    frame: IpcFrameLike,
    op: OperationMessage,
    error: TRPCError,
    call: { input: unknown; ctx: unknown },
  ): SendOutcome {
    const { type, path, id } = op;
    const shape = getTRPCErrorShape({ config, error, type, path, input: call.input, ctx: call.ctx });
    const outcome = sendToFrame(frame, { type: 'error', id, error: transformer.output.serialize(shape) });
    if (outcome !== 'uncloneable') return outcome;
    // The formatter put something in the shape that neither clone nor JSON can carry.
    const plain = { message: error.message, code: shape.code, data: { code: error.code, path } };
    return sendToFrame(frame, { type: 'error', id, error: transformer.output.serialize(plain) });
  }

  function unsendable(path: string, what: string): TRPCError {
    return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `The ${what} of ${path} cannot be sent over IPC` });
  }

  async function runOperation(
    windowId: number,
    state: WindowState,
    frame: IpcFrameLike,
    op: OperationMessage,
    controller: AbortController,
    ticket: number,
  ): Promise<void> {
    const { signal } = controller;
    const { id, type, path, token } = op;
    /** What the error formatter gets, as in tRPC's adapters: the deserialised input, once read. */
    const call: { input: unknown; ctx: inferRouterContext<TRouter> | undefined } = { input: undefined, ctx: undefined };
    try {
      const auth = token === null ? null : (verifier.cached(token) ?? (await verifier.verify(token)));
      if (signal.aborted) return;
      // Signed in but offline: no token for this call, and nothing to forget (not a sign-out).
      const unavailable = token === null && op.tokenUnavailable === true;
      if (!unavailable && storeToken(windowId, ticket, token, auth) && (token === null || auth !== null)) {
        if (windows.get(windowId) === state) noteIdentity(windowId, state, auth);
      }
      call.ctx = await options.createContext({ windowId, token, auth, getFreshToken: state.getFreshToken, type, path, signal });
      if (signal.aborted) return;

      const dot = path.indexOf('.');
      const namespace = path.slice(0, Math.max(dot, 0));
      // Own keys only: a path such as `constructor.x` must not reach Object's prototype.
      const forwarder = options.forward && Object.hasOwn(options.forward, namespace) ? options.forward[namespace] : undefined;
      const result: unknown = forwarder
        ? await forwarder({
            type,
            path: path.slice(dot + 1),
            input: (call.input = transformer.input.deserialize(op.input)),
            ctx: call.ctx,
            signal,
          })
        : await callTRPCProcedure({
            router,
            path,
            type: type as TRPCProcedureType,
            ctx: call.ctx,
            signal,
            batchIndex: 0,
            getRawInput: async () => (call.input = transformer.input.deserialize(op.input)),
          });
      if (signal.aborted) return;

      if (type !== 'subscription') {
        if (isStreamLike(result)) throw unsendable(path, 'result (a Promise or an async iterable)');
        const outcome = sendToFrame(frame, { type: 'result', id, data: transformer.output.serialize(result) });
        if (outcome === 'uncloneable') throw unsendable(path, 'result');
        return;
      }
      if (!isObservable(result) && !isAsyncIterable(result)) {
        throw new TRPCError({
          code: 'INTERNAL_SERVER_ERROR',
          message: `Subscription ${path} did not return an observable or an async generator`,
        });
      }
      const iterable = isObservable(result) ? observableToAsyncIterable(result, signal) : result;
      await streamSubscription(frame, op, iterable, controller);
    } catch (cause) {
      if (signal.aborted) return; // cancelled: nobody is waiting for an answer
      const error = getTRPCErrorFromUnknown(cause);
      reportError({ error, windowId, type, path });
      sendError(frame, op, error, call);
    } finally {
      if (state.calls.get(id) === controller) state.calls.delete(id);
    }
  }

  /**
   * Sends `started`, each value, then `stopped` when the iterable ends; nothing once aborted.
   * Throws (so that the caller answers with an error) when the iterable fails or a value cannot be sent.
   */
  async function streamSubscription(
    frame: IpcFrameLike,
    op: OperationMessage,
    iterable: AsyncIterable<unknown>,
    controller: AbortController,
  ): Promise<void> {
    const { signal } = controller;
    const { id, path } = op;
    const iterator = iterable[Symbol.asyncIterator]();
    // Lets an abort end the wait for the next value even if the generator is stuck. A fresh
    // promise per value (instead of racing one long-lived abort promise) keeps memory flat.
    let wake: ((value: typeof ABORTED) => void) | undefined;
    const onAbort = (): void => wake?.(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    let finished = false;
    let unsendableEvent = false;
    /** A frame that can no longer receive (closed, navigated away) ends the subscription. */
    const send = (message: MainMessage): boolean => {
      const outcome = sendToFrame(frame, message);
      if (outcome === 'gone') controller.abort();
      else if (outcome === 'uncloneable') {
        unsendableEvent = true;
        throw unsendable(path, 'event');
      }
      return outcome === 'sent';
    };
    try {
      if (!send({ type: 'started', id })) return;
      while (!signal.aborted) {
        const next = await new Promise<IteratorResult<unknown> | typeof ABORTED>((resolve, reject) => {
          wake = resolve;
          iterator.next().then(resolve, reject);
        });
        wake = undefined;
        if (next === ABORTED || signal.aborted) break;
        if (next.done) {
          finished = true;
          send({ type: 'stopped', id });
          break;
        }
        const value = next.value;
        send(
          isTrackedEnvelope(value)
            ? { type: 'data', id, eventId: value[0], data: transformer.output.serialize({ id: value[0], data: value[1] }) }
            : { type: 'data', id, data: transformer.output.serialize(value) },
        );
      }
    } catch (error) {
      // A generator that threw has ended; one whose value could not be sent waits at its `yield`.
      if (!unsendableEvent) finished = true;
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
      // Stopped early (renderer, window, or a send that failed): let the generator run its `finally`.
      // Not awaited, so that a stuck generator cannot hold this call open.
      if (!finished) void Promise.resolve(iterator.return?.()).catch(() => {});
    }
  }

  return {
    receive,
    forgetWindow,
    navigationStarted,
    documentReplaced,
    windowClosed(windowId) {
      forgetWindow(windowId);
      documents.delete(windowId);
    },
    getFreshToken,
    inFlight: (windowId) => windows.get(windowId)?.calls.size ?? 0,
    forgetTokens() {
      const known: SessionAuth[] = [];
      for (const [windowId, state] of windows) {
        if (state.auth) known.push(state.auth);
        state.auth = undefined;
        tokens.delete(windowId);
        tokenRequests.cancelWindow(windowId);
      }
      return known;
    },
    broadcast(message, exceptWindowId) {
      let sent = 0;
      for (const [windowId, state] of windows) {
        if (windowId !== exceptWindowId && sendToFrame(state.frame, message) === 'sent') sent++;
      }
      return sent;
    },
    dispose() {
      for (const windowId of [...windows.keys()]) forgetWindow(windowId);
      documents.clear();
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

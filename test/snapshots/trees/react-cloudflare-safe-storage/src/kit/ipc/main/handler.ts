/**
 * Main's side of tRPC over IPC, free of Electron imports (tests drive it with fakes): checks each message's
 * sender, verifies its token, runs the procedure (or its namespace's forwarder, `remote.*`), answers the asking frame.
 */
import { callTRPCProcedure, getTRPCErrorFromUnknown, getTRPCErrorShape, isTrackedEnvelope, TRPCError } from '@trpc/server';
import type { AnyTRPCRouter, inferRouterContext } from '@trpc/server';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import type { SessionAuth, SessionVerifier } from '../../main/auth/verify-session';
import { IPC_REQUEST_CHANNEL, IPC_RESPONSE_CHANNEL, jsonView } from '../protocol';
import type { MainMessage, OperationMessage, OperationType, RendererMessage } from '../protocol';
import { createFreshTokenGetter, createTokenRequests, createWindowTokens, type WindowTokens } from './fresh-token';

/** The parts of Electron's frames, web contents, events and `ipcMain` used here. */
export type IpcFrameLike = { origin: string; detached?: boolean; send(channel: string, message: MainMessage): void };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's listeners take any arguments
type Listener = (...args: any[]) => void;
type Emitter<L> = { on(name: string, listener: L): unknown; removeListener(name: string, listener: L): unknown };
export type WebContentsLike = Emitter<Listener> & { readonly id: number; isDestroyed?(): boolean };
/** `senderFrame` is null when the frame navigated or was destroyed before the message was handled. */
export type IpcMainEventLike = { readonly sender: WebContentsLike; readonly senderFrame: IpcFrameLike | null };
export type IpcMainLike = Emitter<(event: IpcMainEventLike, ...args: unknown[]) => void>;

/** What `createContext` gets for one call; `signal` aborts when the call is cancelled or its window goes away. */
export interface IpcCallInfo {
  windowId: number;
  token: string | null;
  auth: SessionAuth | null;
  getFreshToken: () => Promise<string | null>;
  type: OperationType;
  path: string;
  signal: AbortSignal;
}

export type IpcErrorInfo = { error: TRPCError; windowId: number; type: OperationType | 'unknown'; path: string | undefined };
export type IdentityChange = { windowId: number; previous: SessionAuth | null; next: SessionAuth | null };

/** A forwarded call, its path without the namespace (`remote.notes.list` → `notes.list`), its input not validated. */
export type ForwardedCall<TContext> = { type: OperationType; path: string; input: unknown; ctx: TContext; signal: AbortSignal };

export interface IpcHandlerOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  /** Namespaces answered by a forwarder (a value; for a subscription an observable or async iterable). */
  forward?: Readonly<Record<string, (call: ForwardedCall<inferRouterContext<TRouter>>) => unknown>>;
  createContext: (call: IpcCallInfo) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  allowedOrigins: readonly string[];
  verifier: SessionVerifier;
  /** Errors of procedures (not cancellations) and rejected messages. Never given a token. */
  onError?: (info: IpcErrorInfo) => void;
  freshToken?: { minTimeLeftSeconds?: number; timeoutMs?: number };
  tokens?: WindowTokens;
  /** A page's verified user or organization changed: signed in, out (a real `token: null`) or switched (session-sync). */
  onIdentityChange?: (change: IdentityChange) => void;
}

/** Calls and subscriptions one window may have in flight; past it, a call is refused at once. */
export const MAX_CALLS_IN_FLIGHT = 100;
/** How many documents are remembered per window (a late message comes from a recent one). */
const MAX_DOCUMENTS = 16;
const OPERATION_TYPES: ReadonlySet<unknown> = new Set<OperationType>(['query', 'mutation', 'subscription']);
type Call = { input?: unknown; ctx?: unknown };

/** `frame`: the last that sent a valid message. `auth`: the page's last verified identity, undefined before its first call. */
type WindowState = { frame: IpcFrameLike; calls: Map<string, AbortController>; auth?: SessionAuth | null };

function parseMessage(raw: unknown): RendererMessage | null {
  const m = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const isToken = m.token === null || typeof m.token === 'string';
  const valid = OPERATION_TYPES.has(m.type)
    ? typeof m.id === 'string' && typeof m.path === 'string' && isToken
    : m.type === 'cancel' || m.type === 'stop'
      ? typeof m.id === 'string'
      : m.type === 'token' && typeof m.requestId === 'number' && isToken;
  return valid ? (m as unknown as RendererMessage) : null;
}

/** 'gone': nobody listens any more. 'uncloneable': neither the message nor its JSON view can be sent. */
function sendToFrame(frame: IpcFrameLike | undefined, message: MainMessage): 'sent' | 'gone' | 'uncloneable' {
  if (!frame || frame.detached) return 'gone';
  try {
    frame.send(IPC_RESPONSE_CHANNEL, message);
    return 'sent';
  } catch {
    const json = jsonView(message); // not cloneable, or the frame is gone: JSON's plain data always clones
    if (json === null) return 'uncloneable';
    try {
      frame.send(IPC_RESPONSE_CHANNEL, json);
      return 'sent';
    } catch {
      return 'gone';
    }
  }
}

const isStream = (value: unknown): boolean =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  (Symbol.asyncIterator in value || typeof (value as { then?: unknown }).then === 'function');

/** A result that is, or directly holds, a Promise or async iterable: a message cannot carry it (HTTP refuses it too). */
const isStreamLike = (value: unknown): boolean =>
  isStream(value) || (typeof value === 'object' && value !== null && Object.values(value).some(isStream));

function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // a failing listener must not break the handler
  }
}

/**
 * Serves `router` over IPC, following each calling window's navigations, crashes and destruction. Without `ipcMain`,
 * messages come in through `receive` and the owner of the windows reports their navigations.
 */
export function registerTrpcIpc<TRouter extends AnyTRPCRouter>(options: IpcHandlerOptions<TRouter> & { ipcMain?: IpcMainLike }) {
  const { router, verifier } = options;
  const config = router._def._config;
  const transformer = config.transformer;
  const allowedOrigins = new Set(options.allowedOrigins);
  const forwarders = new Map(Object.entries(options.forward ?? {}));
  const tokens = options.tokens ?? createWindowTokens();
  const windows = new Map<number, WindowState>();
  /** Each window's latest documents (preload ids), `true` once replaced: their late messages are dropped. */
  const documents = new Map<number, Map<string, boolean>>();
  const tokenRequests = createTokenRequests({
    timeoutMs: options.freshToken?.timeoutMs,
    send: (windowId, message) => sendToFrame(windows.get(windowId)?.frame, message) === 'sent',
  });
  const getFreshToken = createFreshTokenGetter({
    tokens,
    requests: tokenRequests,
    verify: (token) => Promise.resolve(verifier.cached(token) ?? verifier.verify(token)),
    minTimeLeftSeconds: options.freshToken?.minTimeLeftSeconds,
  });

  const reportError = (info: IpcErrorInfo): void => quietly(() => options.onError?.(info));

  /** A navigation started and may still be cancelled: the page's calls go on, its token is forgotten. */
  function navigationStarted(windowId: number): void {
    tokens.delete(windowId);
    tokenRequests.cancelWindow(windowId);
  }

  function forgetWindow(windowId: number): void {
    navigationStarted(windowId);
    for (const controller of windows.get(windowId)?.calls.values() ?? []) controller.abort();
    windows.delete(windowId);
  }

  /** A new document committed (navigation, reload): forget the window, and drop the old documents' late messages. */
  function documentReplaced(windowId: number): void {
    documents.get(windowId)?.forEach((_, id, docs) => docs.set(id, true));
    forgetWindow(windowId);
  }

  /** False for a document the window has replaced; remembers the others, the latest few whatever a page sends. */
  function acceptDocument(windowId: number, documentId: unknown): boolean {
    if (typeof documentId !== 'string') return true;
    const docs = documents.get(windowId) ?? documents.set(windowId, new Map()).get(windowId)!;
    if (docs.get(documentId)) return false;
    docs.set(documentId, false);
    if (docs.size > MAX_DOCUMENTS) docs.delete(docs.keys().next().value!);
    return true;
  }

  function receive(event: IpcMainEventLike, raw: unknown, documentId?: unknown): void {
    const frame = event.senderFrame;
    const windowId = event.sender.id;
    const reject = (code: 'FORBIDDEN' | 'PARSE_ERROR', message: string): void =>
      reportError({ error: new TRPCError({ code, message }), windowId, type: 'unknown', path: undefined });
    if (frame === null || !allowedOrigins.has(frame.origin)) {
      return reject('FORBIDDEN', `IPC message from a disallowed sender (${frame ? frame.origin : 'no frame'}) dropped`);
    }
    if (!acceptDocument(windowId, documentId)) return reject('FORBIDDEN', 'IPC message from a replaced document dropped');
    const message = parseMessage(raw);
    if (message === null) return reject('PARSE_ERROR', 'Malformed IPC message dropped');
    if (message.type === 'cancel' || message.type === 'stop') return windows.get(windowId)?.calls.get(message.id)?.abort();
    if (message.type === 'token') return tokenRequests.settle(windowId, message.requestId, message.token);

    let state = windows.get(windowId);
    if (!state) windows.set(windowId, (state = { frame, calls: new Map() }));
    state.frame = frame;
    const duplicate = state.calls.has(message.id);
    if (duplicate || state.calls.size >= MAX_CALLS_IN_FLIGHT) {
      const text = duplicate
        ? `Duplicate id ${message.id}`
        : `${MAX_CALLS_IN_FLIGHT} calls in flight in this window: wait for some.`;
      return sendError(frame, message, new TRPCError({ code: duplicate ? 'BAD_REQUEST' : 'TOO_MANY_REQUESTS', message: text }));
    }
    void runOperation(windowId, state, frame, message);
  }

  /** Sends the router's error shape for `error`; always reaches a frame that is still there. */
  function sendError(frame: IpcFrameLike, { type, path, id }: OperationMessage, error: TRPCError, call: Call = {}): void {
    const shape = getTRPCErrorShape({ config, error, type, path, input: call.input, ctx: call.ctx });
    if (sendToFrame(frame, { type: 'error', id, error: transformer.output.serialize(shape) }) !== 'uncloneable') return;
    // The formatter put something in the shape that neither clone nor JSON can carry.
    const plain = { message: error.message, code: shape.code, data: { code: error.code, path } };
    sendToFrame(frame, { type: 'error', id, error: transformer.output.serialize(plain) });
  }

  const internalError = (message: string): TRPCError => new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message });
  const unsendable = (path: string, what: string): TRPCError => internalError(`The ${what} of ${path} cannot be sent over IPC`);

  async function runOperation(windowId: number, state: WindowState, frame: IpcFrameLike, op: OperationMessage): Promise<void> {
    const { id, type, path, token } = op;
    const controller = new AbortController();
    const { signal } = controller;
    state.calls.set(id, controller);
    // Taken on arrival: a token stored later must not be overwritten by an older one verified late.
    const ticket = tokens.ticket();
    /** What the error formatter gets, as in tRPC's adapters: the deserialised input, once read. */
    const call: Call = {};
    const readInput = (): unknown => (call.input = transformer.input.deserialize(op.input));
    try {
      const auth = token === null ? null : (verifier.cached(token) ?? (await verifier.verify(token)));
      if (signal.aborted) return;
      // Signed in but offline (`tokenUnavailable`): nothing to forget. A forged or expired token is never stored.
      const applied = !(token === null && op.tokenUnavailable) && tokens.record(windowId, ticket, token, auth);
      if (applied && windows.get(windowId) === state) {
        const previous = state.auth;
        state.auth = auth;
        // A change of the page's verified user or organization; not its first call (nothing to compare with).
        const changed = previous !== undefined && (previous?.userId !== auth?.userId || previous?.orgId !== auth?.orgId);
        if (changed) quietly(() => options.onIdentityChange?.({ windowId, previous, next: auth }));
      }
      const fresh = (): Promise<string | null> => getFreshToken(windowId);
      const ctx = (call.ctx = await options.createContext({ windowId, token, auth, getFreshToken: fresh, type, path, signal }));
      if (signal.aborted) return;

      const dot = path.indexOf('.');
      const forwarder = forwarders.get(path.slice(0, Math.max(dot, 0))); // a Map: `constructor.x` finds no prototype
      const result: unknown = forwarder
        ? await forwarder({ type, path: path.slice(dot + 1), input: readInput(), ctx, signal })
        : await callTRPCProcedure({ router, path, type, ctx, signal, batchIndex: 0, getRawInput: async () => readInput() });
      if (signal.aborted) return;

      if (type !== 'subscription') {
        if (isStreamLike(result)) throw unsendable(path, 'result (a Promise or an async iterable)');
        if (sendToFrame(frame, { type: 'result', id, data: transformer.output.serialize(result) }) === 'uncloneable') {
          throw unsendable(path, 'result');
        }
        return;
      }
      const iterable = (isObservable(result) ? observableToAsyncIterable(result, signal) : result) as AsyncIterable<unknown>;
      if (typeof iterable !== 'object' || iterable === null || !(Symbol.asyncIterator in iterable)) {
        throw internalError(`Subscription ${path} did not return an observable or an async generator`);
      }
      // `started`, each value, then `stopped`; nothing once aborted. An abort `wake`s the wait for a stuck generator's
      // next value: a fresh promise per value (not one long-lived race) keeps memory flat.
      const iterator = iterable[Symbol.asyncIterator]();
      let wake = (): void => {};
      const onAbort = (): void => wake();
      signal.addEventListener('abort', onAbort, { once: true });
      /** A frame that can no longer receive (closed, navigated away) ends the subscription. */
      const send = (message: MainMessage): void => {
        const outcome = sendToFrame(frame, message);
        if (outcome === 'gone') controller.abort();
        if (outcome === 'uncloneable') throw unsendable(path, 'event');
      };
      try {
        send({ type: 'started', id });
        while (!signal.aborted) {
          const next = await new Promise<IteratorResult<unknown>>((resolve, reject) => {
            wake = () => resolve({ done: true, value: undefined });
            iterator.next().then(resolve, reject);
          });
          if (signal.aborted) break;
          if (next.done) {
            send({ type: 'stopped', id });
            break;
          }
          const [eventId, data] = isTrackedEnvelope(next.value) ? next.value : [undefined, next.value];
          const serialized = transformer.output.serialize(eventId === undefined ? data : { id: eventId, data });
          send({ type: 'data', id, eventId, data: serialized });
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
        // Lets a generator stopped early run its `finally` (a no-op once ended); not awaited: a stuck one must not hold the call.
        void Promise.resolve(iterator.return?.()).catch(() => {});
      }
    } catch (cause) {
      if (signal.aborted) return; // cancelled: nobody is waiting for an answer
      const error = getTRPCErrorFromUnknown(cause);
      reportError({ error, windowId, type, path });
      sendError(frame, op, error, call);
    } finally {
      if (state.calls.get(id) === controller) state.calls.delete(id);
    }
  }

  /** The window is closed for good: forget it and its documents. */
  function windowClosed(windowId: number): void {
    forgetWindow(windowId);
    documents.delete(windowId);
  }

  const watched = new Map<number, () => void>();
  function watch(contents: WebContentsLike): void {
    const id = contents.id;
    if (watched.has(id)) return;
    const listeners: Record<string, Listener> = {
      // In-page navigations (hash, pushState) keep the document and its calls.
      'did-start-navigation': (details?: { isMainFrame?: boolean; isSameDocument?: boolean }) => {
        if (details?.isMainFrame !== false && details?.isSameDocument !== true) navigationStarted(id);
      },
      // Fires for main-frame, cross-document navigations only, once the new document committed.
      'did-navigate': () => documentReplaced(id),
      'render-process-gone': () => documentReplaced(id),
      destroyed: () => {
        unwatch();
        windowClosed(id);
      },
    };
    const unwatch = (): void => {
      watched.delete(id);
      for (const [event, listener] of Object.entries(listeners)) contents.removeListener(event, listener);
    };
    for (const [event, listener] of Object.entries(listeners)) contents.on(event, listener);
    watched.set(id, unwatch);
  }

  const onRequest = (event: IpcMainEventLike, message: unknown, documentId?: unknown): void => {
    if (event.sender.isDestroyed?.()) return; // 'destroyed' will not fire again: nothing would forget it
    watch(event.sender);
    receive(event, message, documentId);
  };
  options.ipcMain?.on(IPC_REQUEST_CHANNEL, onRequest);

  return {
    receive,
    navigationStarted,
    documentReplaced,
    windowClosed,
    getFreshToken,
    inFlight: (windowId: number): number => windows.get(windowId)?.calls.size ?? 0,
    watchedWindows: (): number => watched.size,
    /** Sign-out everywhere: forget every window's token and identity (their calls go on). Returns the identities known. */
    forgetTokens(): SessionAuth[] {
      const known: SessionAuth[] = [];
      for (const [windowId, state] of windows) {
        if (state.auth) known.push(state.auth);
        state.auth = undefined;
        navigationStarted(windowId);
      }
      return known;
    },
    /** To the last frame of every window that has talked to main, but `exceptWindowId`. */
    broadcast(message: MainMessage, exceptWindowId?: number): void {
      for (const [windowId, state] of windows) if (windowId !== exceptWindowId) sendToFrame(state.frame, message);
    },
    dispose(): void {
      options.ipcMain?.removeListener(IPC_REQUEST_CHANNEL, onRequest);
      for (const unwatch of [...watched.values()]) unwatch();
      for (const windowId of [...windows.keys()]) forgetWindow(windowId);
      documents.clear();
    },
  };
}

/**
 * A tRPC v11 terminating link that sends operations to the main process over the preload's IPC
 * bridge, with the user's Clerk session token attached to every one of them.
 *
 * Framework-agnostic: React, Vue and vanilla renderers all pass it to `createTRPCClient`.
 *
 *   const client = createTRPCClient<AppRouter>({
 *     links: [ipcLink({ getToken: () => clerk.session?.getToken() ?? Promise.resolve(null), transformer: superjson })],
 *   });
 *
 * Before sending each operation the link awaits `getToken()` (clerk-js caches the short-lived
 * session JWT, so this is usually a Map lookup). Signed out means `token: null`, and the call still
 * goes through: public procedures work, protected ones answer UNAUTHORIZED. A failing `getToken()`
 * (for example offline) is treated as signed out rather than thrown at the caller.
 *
 * The link also answers main's requests for a fresh token (see src/main/auth/fresh-token.ts).
 */
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { getTransformer, type TransformerOptions } from '@trpc/client/unstable-internals';
import type { AnyTRPCRouter, inferTRPCClientTypes } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import type { IpcBridge, MainMessage, OperationMessage } from '../../../shared/ipc-protocol';

export type IpcLinkOptions<TRouter extends AnyTRPCRouter> = {
  /** Returns the current session token, or null when signed out. Awaited before every operation. */
  getToken: () => Promise<string | null>;
  /** Defaults to `window.appTrpc`, exposed by the preload. Tests pass an in-memory bridge. */
  bridge?: IpcBridge;
} & TransformerOptions<inferTRPCClientTypes<TRouter>>;

const orNull = (token: string | null | undefined): string | null => token ?? null;
const signedOut = (): null => null;

/** Resolves to the token, or to null if `getToken` throws, rejects or returns nothing. */
function safeGetToken(getToken: () => Promise<string | null>): Promise<string | null> {
  try {
    return Promise.resolve(getToken()).then(orNull, signedOut);
  } catch {
    return Promise.resolve(null);
  }
}

/** A random prefix makes ids unique across clients, windows and reloads; a counter within one. */
function createIdGenerator(): () => string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  const prefix = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('') + ':';
  let counter = 0;
  return () => prefix + String(++counter);
}

function abortError(): Error {
  return new DOMException('The operation was aborted.', 'AbortError');
}

export function ipcLink<TRouter extends AnyTRPCRouter>(opts: IpcLinkOptions<TRouter>): TRPCLink<TRouter> {
  const transformer = getTransformer(opts.transformer);
  const bridge = opts.bridge ?? window.appTrpc;
  const { getToken } = opts;
  const nextId = createIdGenerator();
  /** Operations waiting for main's messages, by id. Entries are removed when an operation ends. */
  const pending = new Map<string, (message: MainMessage) => void>();

  bridge.onMessage((message) => {
    if (message.type === 'token-request') {
      void safeGetToken(getToken).then((token) => {
        bridge.send({ type: 'token', requestId: message.requestId, token });
      });
      return;
    }
    pending.get(message.id)?.(message);
  });

  return () =>
    ({ op }) =>
      observable((observer) => {
        const id = nextId();
        const { type, path, signal } = op;
        let done = false;
        let sent = false;

        const finish = (): void => {
          done = true;
          pending.delete(id);
          signal?.removeEventListener('abort', onAbort);
        };
        const fail = (cause: unknown): void => {
          finish();
          observer.error(TRPCClientError.from(cause instanceof Error ? cause : { error: cause }));
        };

        pending.set(id, (message) => {
          try {
            handle(message);
          } catch (cause) {
            // e.g. a payload the transformer cannot read: this operation fails, others go on
            if (!done) fail(cause);
          }
        });
        const handle = (message: MainMessage): void => {
          switch (message.type) {
            case 'result':
              finish();
              observer.next({ result: { type: 'data', data: transformer.output.deserialize(message.data) } });
              observer.complete();
              return;
            case 'error':
              fail(transformer.output.deserialize(message.error));
              return;
            case 'started':
              observer.next({ result: { type: 'started' } });
              return;
            case 'data':
              observer.next({
                result: { type: 'data', id: message.eventId, data: transformer.output.deserialize(message.data) },
              });
              return;
            case 'stopped':
              finish();
              observer.complete();
              return;
          }
        };

        /** Tell main to abort the work (a query/mutation is cancelled, a subscription stopped). */
        const cancelInMain = (): void => {
          if (sent) bridge.send({ type: type === 'subscription' ? 'stop' : 'cancel', id });
        };
        /** A query or mutation rejects with an AbortError (as over HTTP); a subscription just ends. */
        function onAbort(): void {
          if (done) return;
          cancelInMain();
          if (type !== 'subscription') return fail(abortError());
          finish();
          observer.complete();
        }
        if (signal?.aborted) {
          onAbort();
          return () => {};
        }
        signal?.addEventListener('abort', onAbort, { once: true });

        void safeGetToken(getToken).then((token) => {
          if (done) return;
          try {
            const message: OperationMessage = {
              type,
              id,
              path,
              input: transformer.input.serialize(op.input),
              token,
            };
            bridge.send(message);
            sent = true;
          } catch (cause) {
            fail(cause);
          }
        });

        return () => {
          if (done) return;
          cancelInMain();
          finish();
        };
      });
}

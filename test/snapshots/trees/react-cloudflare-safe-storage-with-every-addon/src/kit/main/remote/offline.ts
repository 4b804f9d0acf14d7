/**
 * What main does with backend calls while the backend cannot be reached (the `offline` add-on),
 * as src/main/offline-policy.ts declares per backend procedure: a `'last-good'` query answers with
 * the caller's last good result (marked stale by `offline.status`), a `'queue'` mutation waits in
 * main and is sent with a fresh token once the backend is back (answering `{ queued: true, id }`),
 * anything else fails fast with SERVICE_UNAVAILABLE. A sign-out drops the user's cached answers and
 * queued changes. The rules are in ./offline/offline-remote.ts.
 */
import type { AnyTRPCProcedure, TRPCMutationProcedure } from '@trpc/server';
import type { offlinePolicy } from '../../../main/offline-policy';
import { publicProcedure, router } from '../trpc/init';
import { backendClients } from './backend';
import type { BackendRouter } from './backend-client';
import type { RemoteCall } from './forward';
import { createOfflineRemote, type OfflineRemote, type OfflineStatus, type QueuedAnswer } from './offline/offline-remote';
import { statusUpdates } from './reachability';

export type { OfflineStatus, QueuedAnswer };

/** The dotted paths of a router record's procedures of one type. */
type Paths<TRecord, TType, Prefix extends string = ''> = {
  [K in keyof TRecord & string]: TRecord[K] extends AnyTRPCProcedure
    ? TRecord[K]['_def']['type'] extends TType
      ? `${Prefix}${K}`
      : never
    : Paths<TRecord[K], TType, `${Prefix}${K}.`>;
}[keyof TRecord & string];

type BackendRecord = BackendRouter['_def']['record'];

/** What src/main/offline-policy.ts may say: queries `'last-good'`, mutations `'queue'`, by backend path. */
export type OfflinePolicy = { [P in Paths<BackendRecord, 'query'>]?: 'last-good' } & {
  [P in Paths<BackendRecord, 'mutation'>]?: 'queue';
};

type Policy = typeof offlinePolicy;
type QueuedPaths = { [P in keyof Policy]: Policy[P] extends 'queue' ? P : never }[keyof Policy];

/** The renderer's view of the backend's procedures: a queued mutation may answer `{ queued: true, id }`. */
export type OfflineAnswers<TRecord, Prefix extends string = ''> = {
  [K in keyof TRecord]: TRecord[K] extends TRPCMutationProcedure<infer Def>
    ? `${Prefix}${K & string}` extends QueuedPaths
      ? TRPCMutationProcedure<{ input: Def['input']; output: Def['output'] | QueuedAnswer; meta: Def['meta'] }>
      : TRecord[K]
    : TRecord[K] extends AnyTRPCProcedure
      ? TRecord[K]
      : OfflineAnswers<TRecord[K], `${Prefix}${K & string}.`>;
};

let instance: OfflineRemote | null = null;

function offlineRemote(): OfflineRemote {
  instance ??= createOfflineRemote({
    get backendUrl() {
      return backendClients().backendUrl;
    },
    probe: () => backendClients().forCall(0, null).health.query(),
  });
  return instance;
}

let declaredPolicy: Readonly<Record<string, string | undefined>> = {};

/** Called once by src/main/offline-policy.ts, the owner's declarations (the kit never imports them). */
export function declareOfflinePolicy<const P extends OfflinePolicy>(policy: P): P {
  declaredPolicy = policy;
  return policy;
}

const policyOf = (path: string): string | undefined => declaredPolicy[path];

export function sendWhileOffline(
  call: RemoteCall,
  send: (token: string | null, signal: AbortSignal | undefined) => Promise<unknown>,
): Promise<unknown> {
  const { ctx, path, input, signal } = call;
  if (call.type === 'query') {
    return offlineRemote().query(ctx, path, input, () => send(ctx.token, signal), {
      remember: policyOf(path) === 'last-good',
    });
  }
  // A replay passes the fresh token of the moment and must not use the long-finished call's signal.
  return offlineRemote().mutation(
    ctx,
    path,
    input,
    (token) => (token === undefined ? send(ctx.token, signal) : send(token, undefined)),
    { queue: policyOf(path) === 'queue' },
  );
}

/** A sign-out: the users' cached answers and queued changes go. */
export function forgetOfflineUsers(userIds: Iterable<string>): void {
  instance?.signedOut(userIds);
}

/** Tests: forget the state (and stop the probe timer). */
export function resetOffline(): void {
  instance?.dispose();
  instance = null;
}

/** Tests and diagnostics: the state behind `offline.status`. */
export function offlineState(): OfflineRemote {
  return offlineRemote();
}

export const offlineRouter = router({
  /** The caller's view, now and after every change, until unsubscribed or the window goes away. */
  status: publicProcedure.subscription(({ ctx, signal }) =>
    statusUpdates<OfflineStatus>(
      () => offlineRemote().status(ctx.auth?.userId ?? null),
      (listener) => offlineRemote().onStatus(listener),
      signal,
    ),
  ),
});

/**
 * What main does with backend calls while the backend cannot be reached (the `offline` add-on),
 * as src/main/offline-policy.ts declares per backend procedure: a `'last-good'` query answers with
 * the caller's last good result (marked stale by `offline.status`), a `'queue'` mutation waits in
 * main (answering `{ queued: true, id }`) and is sent once the backend is back, anything else fails
 * fast with SERVICE_UNAVAILABLE. Queued changes are kept on disk per user, sealed like the sign-in
 * (./offline/queue-sealer.ts), sent only with a token of the user and organization that queued
 * them, one request each with an Idempotency-Key (exactly once in effect); the backend's refusals
 * stay listed in `offline.status` until `offline.dismiss`. The rules are in ./offline/offline-remote.ts.
 */
import { join } from 'node:path';

import { createTRPCClient, getUntypedClient, httpLink } from '@trpc/client';
import type { AnyTRPCProcedure, TRPCMutationProcedure } from '@trpc/server';
import { app } from 'electron';
import { decodeJwt } from 'jose';
import superjson from 'superjson';

import type { offlinePolicy } from '../../../main/offline-policy';
import { authFromClaims } from '../../shared/auth-object';
import { protectedProcedure, publicProcedure, router, statusUpdates } from '../trpc/init';
import { backendClients, guardedFetch, type BackendRouter } from './backend';
import type { RemoteCall } from './forward';
import type { QueuedMutation } from './offline/mutation-queue';
import { createOfflineRemote, type OfflineRemote, type OfflineStatus, type QueuedAnswer } from './offline/offline-remote';
import { createQueueSealer, type QueueSealer } from './offline/queue-sealer';
import { createQueueStore } from './offline/queue-store';

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

/** Where queued changes are kept and how they are sent; tests give their own folder, sealer and fetch. */
export interface OfflineSetup {
  dir: () => string;
  sealer: QueueSealer | null;
  fetch?: typeof fetch;
  retryDelayMs?: (attempt: number) => number;
  backoffMs?: (attempt: number) => number;
}

const appSetup = (): OfflineSetup => ({
  dir: () => join(app.getPath('userData'), 'offline-queue'),
  sealer: createQueueSealer(),
});

let setup: OfflineSetup | null = null;
let instance: OfflineRemote | null = null;

/** Sends one queued change alone (no batch shares its key), with its Idempotency-Key. */
function sendQueued(item: QueuedMutation, token: string): Promise<unknown> {
  const { backendUrl } = backendClients();
  const link = httpLink<BackendRouter>({
    url: `${backendUrl}/trpc`,
    transformer: superjson,
    fetch: guardedFetch(new URL(backendUrl).origin, 15_000, setup?.fetch),
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': item.id },
  });
  return getUntypedClient(createTRPCClient<BackendRouter>({ links: [link] })).mutation(item.path, item.input);
}

function offlineRemote(): OfflineRemote {
  setup ??= appSetup();
  instance ??= createOfflineRemote({
    get backendUrl() {
      return backendClients().backendUrl;
    },
    probe: () => backendClients().forCall(0, null).health.query(),
    store: createQueueStore({ dir: setup.dir, sealer: setup.sealer }),
    sendQueued,
    // Only tokens main has verified get here (the window's fresh token).
    identityOf: (token) => {
      const auth = authFromClaims(decodeJwt(token));
      return { userId: auth.userId, orgId: auth.orgId ?? null };
    },
    retryDelayMs: setup.retryDelayMs,
    backoffMs: setup.backoffMs,
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
  return offlineRemote().mutation(ctx, path, input, () => send(ctx.token, signal), { queue: policyOf(path) === 'queue' });
}

/** A sign-out: the users' cached answers go; their queued changes wait, sealed, for their next sign-in. */
export function forgetOfflineUsers(userIds: Iterable<string>): void {
  instance?.signedOut(userIds);
}

/** Tests: forget the state in memory (and stop the timers), as a new main process would; `next` sets up the next one. */
export function resetOffline(next?: OfflineSetup): void {
  instance?.dispose();
  instance = null;
  setup = next ?? null;
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
  /** Forgets one of the caller's refused changes (listed in `status().refused`). */
  dismiss: protectedProcedure
    .input((value: unknown) => {
      const id = (value as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') throw new Error('dismiss takes { id: string }.');
      return { id };
    })
    .mutation(async ({ ctx, input }) => ({ dismissed: await offlineRemote().dismiss(ctx.auth.userId, input.id) })),
});

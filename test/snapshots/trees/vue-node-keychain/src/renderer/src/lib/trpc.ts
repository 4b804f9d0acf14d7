/**
 * The renderer's tRPC client: every call goes over IPC to main with the current Clerk session token
 * (see src/ipc/renderer/link.ts). Queries, mutations and subscriptions are all called the same way:
 *
 *   const info = await trpc.app.info.query();
 *   await trpc.todo.rename.mutate({ id, title });
 *   const sub = trpc.clock.subscribe(undefined, { onData: (time) => … });  sub.unsubscribe();
 */
import type { Clerk } from '@clerk/clerk-js';
import { createTRPCClient, type TRPCClient } from '@trpc/client';
import superjson from 'superjson';

import type { AppRouter } from '../../../main/trpc/router';
import { ipcLink } from '../../../ipc/renderer/link';

export type TrpcClient = TRPCClient<AppRouter>;

/**
 * The token of the session that is current when the call is made, or null when signed out or
 * while Clerk is still loading (public procedures then run at once instead of waiting).
 * clerk-js caches the short-lived token and refreshes it before it expires.
 */
export async function currentSessionToken(clerk: Pick<Clerk, 'loaded' | 'session'>): Promise<string | null> {
  if (!clerk.loaded || !clerk.session) return null;
  return (await clerk.session.getToken()) ?? null;
}

/** One client for the life of the page: it reads `clerk.session` at call time, so it follows sign-in and out. */
export function createTrpcClient(clerk: Pick<Clerk, 'loaded' | 'session'>): TrpcClient {
  return createTRPCClient<AppRouter>({
    links: [ipcLink<AppRouter>({ transformer: superjson, getToken: () => currentSessionToken(clerk) })],
  });
}

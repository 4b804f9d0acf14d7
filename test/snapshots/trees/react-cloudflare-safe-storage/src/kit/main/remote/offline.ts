/**
 * What main does with backend calls while the backend cannot be reached: it says so. A call that
 * could not connect marks the backend unreachable; a `health` probe on a capped backoff finds it
 * again; `offline.status` tells the UI, now and after each change. Calls fail with
 * SERVICE_UNAVAILABLE meanwhile (nothing is answered from memory, nothing waits): the `offline`
 * add-on replaces this file with last good answers and queued changes.
 */
import { publicProcedure, router, statusUpdates } from '../trpc/init';
import { backendClients } from './backend';
import type { RemoteCall } from './forward';
import { createReachability, isNotSent, type Reachability } from './reachability';

export interface OfflineStatus {
  reachable: boolean;
  /** Unreachable since (ms epoch); null while reachable. */
  since: number | null;
  /** Lines for the UI about the caller's offline data (none here). */
  details: string[];
}

/** The renderer's view of the backend's procedures: as the backend declares them. */
export type OfflineAnswers<TRecord> = TRecord;

const listeners = new Set<() => void>();
let reachability: Reachability | null = null;

function backendReachability(): Reachability {
  reachability ??= createReachability({
    probe: () => backendClients().forCall(0, null).health.query(),
    onChange: () => listeners.forEach((listener) => listener()),
  });
  return reachability;
}

export async function sendWhileOffline(
  call: RemoteCall,
  send: (token: string | null, signal: AbortSignal | undefined) => Promise<unknown>,
): Promise<unknown> {
  try {
    const value = await send(call.ctx.token, call.signal);
    backendReachability().succeeded();
    return value;
  } catch (error) {
    if (isNotSent(error)) backendReachability().failedToConnect();
    throw error;
  }
}

/** A sign-out: nothing is kept per user here. */
export function forgetOfflineUsers(_userIds: Iterable<string>): void {}

/** Tests: forget the state (and stop the probe timer). */
export function resetOffline(): void {
  reachability?.dispose();
  reachability = null;
}

export const offlineRouter = router({
  /** Whether the backend answers, now and after every change, until unsubscribed or the window goes away. */
  status: publicProcedure.subscription(({ signal }) =>
    statusUpdates<OfflineStatus>(
      () => ({ reachable: backendReachability().reachable, since: backendReachability().since, details: [] }),
      (listener) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      signal,
    ),
  ),
});

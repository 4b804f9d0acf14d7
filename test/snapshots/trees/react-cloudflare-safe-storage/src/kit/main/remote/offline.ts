/**
 * While the backend cannot be reached main says so: a call that could not connect marks it unreachable, a
 * `health` probe finds it again, `offline.status` tells the UI. Calls fail with SERVICE_UNAVAILABLE meanwhile;
 * the `offline` add-on replaces this file with last good answers and queued changes.
 */
import { publicProcedure, router, statusUpdates } from '../trpc/init';
import { backendClients } from './backend';
import type { RemoteCall } from './forward';
import { createReachability, isNotSent, type Reachability } from './reachability';

export interface OfflineStatus {
  reachable: boolean;
  since: number | null;
  /** Lines about the caller's offline data (none here). */
  details: string[];
}

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

/** Tests: forget the state and stop the probe. */
export function resetOffline(): void {
  reachability?.dispose();
  reachability = null;
}

export const offlineRouter = router({
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

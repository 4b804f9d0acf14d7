/**
 * While the backend cannot be reached: since when, that what the cards show is the last data main
 * received (stale), and the changes waiting to be sent (`offline.status`, src/main/remote/offline).
 * Nothing while the backend answers and nothing waits.
 */
import { useSubscription } from '@trpc/tanstack-react-query';

import { useTRPC } from '../lib/trpc';

export function OfflineStatus() {
  const trpc = useTRPC();
  const { data: status } = useSubscription(trpc.offline.status.subscriptionOptions());
  if (!status || (status.reachable && status.queued.length === 0 && status.replayed.length === 0)) return null;
  const failed = status.replayed.filter((outcome) => !outcome.ok);
  return (
    <section className="card offline-status" role="status">
      <h2>Backend</h2>
      {!status.reachable && (
        <p>
          Unreachable since {new Date(status.since ?? Date.now()).toLocaleTimeString()}: the data shown is the last the app
          received (stale). Changes that cannot wait fail with a message.
        </p>
      )}
      {status.queued.length > 0 && (
        <p>
          {status.queued.length} change{status.queued.length === 1 ? '' : 's'} waiting to be sent when the backend is back.
        </p>
      )}
      {status.replayed.length > 0 && (
        <p className="muted">
          Sent after reconnecting: {status.replayed.length - failed.length}
          {failed.length > 0 && `, failed: ${failed.map((outcome) => outcome.message ?? outcome.path).join('; ')}`}
        </p>
      )}
    </section>
  );
}

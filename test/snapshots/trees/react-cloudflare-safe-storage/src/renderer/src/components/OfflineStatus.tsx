/** While the backend cannot be reached: since when, and what main says about the data shown (`offline.status`). */
import { useSubscription } from '@trpc/tanstack-react-query';

import { useTRPC } from '../../../kit/renderer/trpc';

export function OfflineStatus() {
  const trpc = useTRPC();
  const { data: status } = useSubscription(trpc.offline.status.subscriptionOptions());
  if (!status || (status.reachable && status.details.length === 0)) return null;
  return (
    <section className="card offline-status" role="status">
      <h2>Backend</h2>
      {!status.reachable && (
        <p>
          Unreachable since {new Date(status.since ?? Date.now()).toLocaleTimeString()}: main keeps trying and says when it is
          back.
        </p>
      )}
      {status.details.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </section>
  );
}

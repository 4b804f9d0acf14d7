/**
 * While the backend cannot be reached: since when, and what main says about the data shown and the
 * changes waiting (`offline.status`, src/kit/main/remote/offline.ts). Changes the backend refused
 * stay listed until dismissed. Nothing while all is well.
 */
import { useMutation } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';

import { useTRPC } from '../../../kit/renderer/trpc';

export function OfflineStatus() {
  const trpc = useTRPC();
  const { data: status } = useSubscription(trpc.offline.status.subscriptionOptions());
  const dismiss = useMutation(trpc.offline.dismiss.mutationOptions());
  if (!status || (status.reachable && status.details.length === 0 && status.refused.length === 0)) return null;
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
      {status.refused.map((change) => (
        <p key={change.id}>
          Refused by the backend, not applied: {change.path}: {change.message}{' '}
          <button type="button" onClick={() => dismiss.mutate({ id: change.id })}>
            Dismiss
          </button>
        </p>
      ))}
    </section>
  );
}

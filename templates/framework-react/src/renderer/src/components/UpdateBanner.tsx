/** Auto-update's status, pushed by main; "Restart" once an update is downloaded; nothing while updates are off (development). */
import { useMutation } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';

import { useTRPC } from '../../../kit/renderer/trpc';
import { canCheckForUpdates, updateStatusText } from '../../../kit/renderer/update-status';

export function UpdateBanner() {
  const trpc = useTRPC();
  const { data: status } = useSubscription(trpc.updates.status.subscriptionOptions());
  const check = useMutation(trpc.updates.check.mutationOptions());
  const install = useMutation(trpc.updates.install.mutationOptions());
  if (!status || status.state === 'disabled') return null;
  const ready = status.state === 'ready';
  return (
    <div className={ready ? 'banner' : 'banner muted'} role="status">
      <span>{updateStatusText(status)}</span>
      {ready ? (
        <button type="button" onClick={() => install.mutate()} disabled={install.isPending}>
          Restart
        </button>
      ) : (
        <button type="button" onClick={() => check.mutate()} disabled={!canCheckForUpdates(status) || check.isPending}>
          Check for updates
        </button>
      )}
    </div>
  );
}

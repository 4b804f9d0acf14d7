/**
 * Auto-update: main pushes its status over the `updates.status` subscription (no polling). When an
 * update is downloaded: "update ready, restart". Nothing at all while updates are off (development
 * builds, builds without a publish target).
 */
import { useMutation } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';

import { useTRPC } from '../lib/trpc';
import { canCheckForUpdates, updateStatusText } from '../lib/update-status';

export function UpdateBanner() {
  const trpc = useTRPC();
  const { data: status } = useSubscription(trpc.updates.status.subscriptionOptions());
  const check = useMutation(trpc.updates.check.mutationOptions());
  const install = useMutation(trpc.updates.install.mutationOptions());

  if (!status || status.state === 'disabled') return null;
  if (status.state === 'ready') {
    return (
      <div className="update-banner ready" role="status">
        <span>{updateStatusText(status)}</span>
        <button type="button" onClick={() => install.mutate()} disabled={install.isPending}>
          Restart
        </button>
      </div>
    );
  }
  return (
    <div className="update-banner muted" role="status">
      <span>{updateStatusText(status)}</span>
      <button type="button" onClick={() => check.mutate()} disabled={!canCheckForUpdates(status) || check.isPending}>
        Check for updates
      </button>
    </div>
  );
}

/**
 * While the backend cannot be reached: since when, that what the cards show is the last data main
 * received (stale), and the changes waiting to be sent (`offline.status`, src/kit/main/remote/offline).
 */
import { h, type View } from '../lib/dom';
import type { TrpcClient } from '../../../kit/renderer/trpc';

export function offlineStatus(trpc: TrpcClient): View {
  const element = h('section', { role: 'status' });
  const subscription = trpc.offline.status.subscribe(undefined, {
    onData: (status) => {
      const idle = status.reachable && status.queued.length === 0 && status.replayed.length === 0;
      element.className = idle ? '' : 'card offline-status';
      if (idle) return element.replaceChildren();
      const failed = status.replayed.filter((outcome) => !outcome.ok);
      const parts = [
        h('h2', null, 'Backend'),
        !status.reachable &&
          h(
            'p',
            null,
            `Unreachable since ${new Date(status.since ?? Date.now()).toLocaleTimeString()}: the data shown is the last the app received (stale). Changes that cannot wait fail with a message.`,
          ),
        status.queued.length > 0 &&
          h('p', null, `${status.queued.length} change(s) waiting to be sent when the backend is back.`),
        status.replayed.length > 0 &&
          h(
            'p',
            { class: 'muted' },
            `Sent after reconnecting: ${status.replayed.length - failed.length}`,
            failed.length > 0 && `, failed: ${failed.map((outcome) => outcome.message ?? outcome.path).join('; ')}`,
          ),
      ];
      element.replaceChildren(...parts.filter((part) => part !== false));
    },
    onError: (error) => console.error('[offline]', error),
  });
  return { element, dispose: () => subscription.unsubscribe() };
}

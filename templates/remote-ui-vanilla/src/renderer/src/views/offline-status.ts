/**
 * While the backend cannot be reached: since when, and what main says about the data shown
 * (`offline.status`, src/kit/main/remote/offline.ts). Nothing while the backend answers.
 */
import { h, type View } from '../lib/dom';
import type { TrpcClient } from '../../../kit/renderer/trpc';

export function offlineStatus(trpc: TrpcClient): View {
  const element = h('section', { role: 'status' });
  const subscription = trpc.offline.status.subscribe(undefined, {
    onData: (status) => {
      const idle = status.reachable && status.details.length === 0;
      element.className = idle ? '' : 'card offline-status';
      if (idle) return element.replaceChildren();
      const since = new Date(status.since ?? Date.now()).toLocaleTimeString();
      element.replaceChildren(
        h('h2', null, 'Backend'),
        ...(status.reachable ? [] : [h('p', null, `Unreachable since ${since}: main keeps trying and says when it is back.`)]),
        ...status.details.map((line) => h('p', null, line)),
      );
    },
    onError: (error) => console.error('[offline]', error),
  });
  return { element, dispose: () => subscription.unsubscribe() };
}

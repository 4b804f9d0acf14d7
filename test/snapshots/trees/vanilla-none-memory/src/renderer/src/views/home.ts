/**
 * What a signed-in user sees: one public procedure, one protected procedure and one subscription,
 * called the same way. Nobody passes a token: the IPC link attaches it to every call.
 */
import { h, type View } from '../lib/dom';
import type { TrpcClient } from '../lib/trpc';
import { details, queryCard, subscriptionCard } from './cards';
import { windowsCard } from './windows-card';

export function homeView(trpc: TrpcClient): View {
  const cards: View[] = [
    queryCard(
      { name: 'app.info', tag: 'public' },
      (signal) => trpc.app.info.query(undefined, { signal }),
      (info) =>
        details([
          ['Name', info.name],
          ['Version', info.version],
        ]),
    ),
    queryCard(
      { name: 'me', tag: 'protected', isProtected: true },
      (signal) => trpc.me.query(undefined, { signal }),
      (me) =>
        details([
          ['User', h('code', null, me.userId)],
          ['Session', h('code', null, me.sessionId)],
        ]),
    ),
    subscriptionCard(
      { name: 'clock', tag: 'subscription' },
      (handlers) => trpc.clock.subscribe(undefined, handlers),
      (time: Date) => h('p', { class: 'clock' }, time.toLocaleTimeString()),
    ),
    windowsCard(trpc),
  ];

  return {
    element: h('div', { class: 'cards' }, ...cards.map((card) => card.element)),
    // Leaving the view (sign-out, another session) stops the clock and ignores late answers.
    dispose: () => cards.forEach((card) => card.dispose()),
  };
}

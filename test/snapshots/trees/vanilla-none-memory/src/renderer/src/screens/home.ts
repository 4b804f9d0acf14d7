/**
 * The home screen: a protected procedure, a subscription and a mutation, called the same way
 * (the footer calls a public one). Nobody passes a token: the IPC link attaches it to every call.
 */
import { h, staticView, type View } from '../lib/dom';
import type { TrpcClient } from '../../../kit/renderer/trpc';
import { details, queryCard, subscriptionCard } from '../views/cards';

export function homeScreen(trpc: TrpcClient): View {
  const cards: View[] = [
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
    element: h('div', { class: 'cards', 'data-screen': 'home' }, ...cards.map((card) => card.element)),
    // Leaving the screen (another route, sign-out, another session) stops the clock and ignores late answers.
    dispose: () => cards.forEach((card) => card.dispose()),
  };
}

/** Opens another window of the app through main (`windows.open`, src/kit/main/windows). */
function windowsCard(trpc: TrpcClient): View {
  const button = h('button', { type: 'button' }, 'Open Notes in a new window');
  const error = h('p', { class: 'error-text' });
  button.addEventListener('click', () => {
    button.disabled = true;
    error.replaceChildren();
    trpc.windows.open
      .mutate({ route: '/notes' })
      .catch((reason: unknown) => error.replaceChildren(reason instanceof Error ? reason.message : String(reason)))
      .finally(() => (button.disabled = false));
  });
  const heading = h('h2', null, 'windows.open ', h('span', { class: 'tag' }, 'public'));
  const note = h('p', { class: 'muted' }, 'Every window shares your sign-in: sign out in one, and all of them are signed out.');
  return staticView(h('section', { class: 'card' }, heading, note, button, error));
}

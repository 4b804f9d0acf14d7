/** Opens another window of the app through main (`windows.open`, src/main/windows). */
import { h, staticView, type View } from '../lib/dom';
import type { TrpcClient } from '../lib/trpc';

export function windowsCard(trpc: TrpcClient): View {
  const button = h('button', { type: 'button' }, 'New window');
  const error = h('p', { class: 'error-text' });
  button.addEventListener('click', () => {
    button.disabled = true;
    error.replaceChildren();
    trpc.windows.open
      .mutate({ route: '/' })
      .catch((reason: unknown) => error.replaceChildren(reason instanceof Error ? reason.message : String(reason)))
      .finally(() => (button.disabled = false));
  });
  return staticView(
    h(
      'section',
      { class: 'card' },
      h('h2', null, 'windows.open ', h('span', { class: 'tag' }, 'public')),
      h('p', { class: 'muted' }, 'Every window shares your sign-in: sign out in one, and all of them are signed out.'),
      button,
      error,
    ),
  );
}

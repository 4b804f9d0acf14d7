/**
 * What the page says about its connection (lib/connection-watcher.ts): in place of an endless
 * "Connecting to Clerk…", what failed and a Retry after a bounded wait; once Clerk has loaded,
 * "You are offline" while the network is gone (the user stays signed in).
 */
import { describeConnection, pageConnection } from '../../../kit/renderer/connection-watcher';
import { h, type View } from '../lib/dom';

function connectionView(render: (element: HTMLElement) => void): View {
  const element = h('div');
  const connection = pageConnection();
  const update = (): void => render(element);
  update();
  return { element, dispose: connection.subscribe(update) };
}

export function connectingView(): View {
  return connectionView((element) => {
    const state = pageConnection().get();
    const text = state.phase === 'unreachable' ? describeConnection(state) : null;
    if (!text) {
      element.className = '';
      element.removeAttribute('role');
      element.replaceChildren(h('p', { class: 'muted centered' }, 'Connecting to Clerk…'));
      return;
    }
    const retry = h('button', { type: 'button' }, 'Retry');
    retry.addEventListener('click', () => pageConnection().watcher.retryNow());
    element.className = 'card error';
    element.setAttribute('role', 'alert');
    element.replaceChildren(h('h2', null, text.title), h('p', null, text.detail), retry);
  });
}

export function offlineBanner(): View {
  return connectionView((element) => {
    const state = pageConnection().get();
    const text = state.phase === 'ready' ? describeConnection(state) : null;
    element.className = text ? 'banner muted' : '';
    element.setAttribute('role', 'status');
    element.replaceChildren(...(text ? [h('span', null, h('strong', null, `${text.title}.`), ` ${text.detail}`)] : []));
  });
}

/**
 * What the page says about its state. Its connection (kit/renderer/connection-watcher.ts): in place of
 * an endless "Connecting to Clerk…", what failed and a Retry after a bounded wait; once Clerk has
 * loaded, "You are offline" while the network is gone (the user stays signed in). Auto-update's
 * status, pushed by main over `updates.status`: nothing while updates are off (development builds).
 */
import { describeConnection, pageConnection } from '../../../kit/renderer/connection-watcher';
import type { TrpcClient } from '../../../kit/renderer/trpc';
import type { UpdateStatus } from '../../../kit/main/updates';
import { canCheckForUpdates, updateStatusText } from '../../../kit/renderer/update-status';
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

export function updateBanner(trpc: TrpcClient): View {
  const element = h('div', { role: 'status' });
  let pending = false;
  let status: UpdateStatus | undefined;
  const button = (label: string, enabled: boolean, action: () => Promise<unknown>) => {
    const node = h('button', { type: 'button' }, label);
    node.disabled = !enabled || pending;
    node.addEventListener('click', () => {
      pending = true;
      render();
      action()
        .catch((error: unknown) => console.error('[updates]', error))
        .finally(() => {
          pending = false;
          render();
        });
    });
    return node;
  };
  function render(): void {
    const shown = status && status.state !== 'disabled' ? status : null;
    element.className = shown ? (shown.state === 'ready' ? 'banner' : 'banner muted') : '';
    element.replaceChildren(
      ...(shown
        ? [
            h('span', null, updateStatusText(shown) ?? ''),
            shown.state === 'ready'
              ? button('Restart', true, () => trpc.updates.install.mutate())
              : button('Check for updates', canCheckForUpdates(shown), () => trpc.updates.check.mutate()),
          ]
        : []),
    );
  }
  const subscription = trpc.updates.status.subscribe(undefined, {
    onData: (next) => {
      status = next;
      render();
    },
    onError: (error) => console.error('[updates]', error),
  });
  return { element, dispose: () => subscription.unsubscribe() };
}

/**
 * Auto-update: main pushes its status over the `updates.status` subscription (no polling). When an
 * update is downloaded: "update ready, restart". Empty while updates are off (development builds,
 * builds without a publish target).
 */
import { h, type View } from '../lib/dom';
import type { TrpcClient } from '../../../kit/renderer/trpc';
import { canCheckForUpdates, updateStatusText, type UpdateStatus } from '../../../kit/renderer/update-status';

export function updateBanner(trpc: TrpcClient): View {
  const element = h('div', { role: 'status' });
  let pending = false;
  let current: UpdateStatus | undefined;

  const act = (action: () => Promise<unknown>) => () => {
    pending = true;
    render();
    action()
      .catch((error: unknown) => console.error('[updates]', error))
      .finally(() => {
        pending = false;
        render();
      });
  };
  const check = act(() => trpc.updates.check.mutate());
  const restart = act(() => trpc.updates.install.mutate());

  function button(label: string, onClick: () => void, enabled: boolean): HTMLButtonElement {
    const node = h('button', { type: 'button' }, label);
    node.disabled = !enabled;
    node.addEventListener('click', onClick);
    return node;
  }

  function render(): void {
    const status = current;
    if (!status || status.state === 'disabled') {
      element.className = '';
      element.replaceChildren();
      return;
    }
    const ready = status.state === 'ready';
    element.className = ready ? 'banner' : 'banner muted';
    element.replaceChildren(
      h('span', null, updateStatusText(status) ?? ''),
      ready ? button('Restart', restart, !pending) : button('Check for updates', check, canCheckForUpdates(status) && !pending),
    );
  }

  const subscription = trpc.updates.status.subscribe(undefined, {
    onData: (status) => {
      current = status;
      render();
    },
    onError: (error) => console.error('[updates]', error),
  });
  return { element, dispose: () => subscription.unsubscribe() };
}

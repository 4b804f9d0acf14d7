/**
 * The backend's procedures, called exactly like local ones: the renderer calls main (`remote.*`),
 * main forwards the call with this window's session token, the backend verifies it.
 */
import { h, type View } from '../lib/dom';
import type { TrpcClient } from '../../../kit/renderer/trpc';
import { cardHeading, details, errorText, loadingText, queryCard } from './cards';

export function remoteCards(trpc: TrpcClient): View[] {
  return [
    queryCard(
      { name: 'remote.health', tag: 'backend · public' },
      (signal) => trpc.remote.health.query(undefined, { signal }),
      (health) =>
        details([
          ['Status', health.status],
          ['Backend time', health.time.toLocaleTimeString()],
        ]),
    ),
    queryCard(
      { name: 'remote.me', tag: 'backend · protected', isProtected: true },
      (signal) => trpc.remote.me.query(undefined, { signal }),
      (me) =>
        details([
          ['User', h('code', null, me.userId)],
          ['Session', h('code', null, me.sessionId)],
        ]),
    ),
  ];
}

/**
 * The user's newest notes with add and remove, updated live: `remote.notes.changes` streams every
 * change (this window, the user's other windows and devices) and each one reloads the list, as
 * does each (re)start of the stream. `dispose()` ends the stream and any call in flight.
 */
export function notesCard(trpc: TrpcClient): View {
  const controller = new AbortController();
  const { signal } = controller;
  const input = h('input', { placeholder: 'A note', maxlength: '500' });
  const button = h('button', { type: 'submit' }, 'Add');
  const message = h('div');
  const list = h('div', null, loadingText());
  const showError = (error: unknown): void => {
    if (!signal.aborted) message.replaceChildren(errorText(error));
  };

  const removeButton = (id: string, text: string): HTMLElement => {
    const remove = h('button', { type: 'button', 'aria-label': `Remove "${text}"` }, 'Remove');
    remove.addEventListener('click', () => {
      message.replaceChildren();
      trpc.remote.notes.remove.mutate({ id }, { signal }).catch(showError);
    });
    return remove;
  };

  // The newest 50 (the backend pages with `cursor`, the id of the last note of a page).
  const refresh = (): void => {
    trpc.remote.notes.list.query({ limit: 50 }, { signal }).then(
      (notes) => {
        if (signal.aborted) return;
        list.replaceChildren(
          h(
            'ul',
            null,
            ...notes.map((note) =>
              h(
                'li',
                null,
                note.text,
                ' ',
                h('span', { class: 'muted' }, note.createdAt.toLocaleTimeString()),
                ' ',
                removeButton(note.id, note.text),
              ),
            ),
          ),
        );
      },
      (error: unknown) => {
        if (!signal.aborted) list.replaceChildren(errorText(error));
      },
    );
  };

  const updateButton = (): void => {
    button.disabled = input.value.trim() === '';
  };
  input.addEventListener('input', updateButton);
  updateButton();

  const form = h('form', null, input, ' ', button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    message.replaceChildren();
    trpc.remote.notes.add.mutate({ text: input.value }, { signal }).then(
      () => {
        input.value = '';
        updateButton();
      },
      (error: unknown) => {
        showError(error);
        updateButton();
      },
    );
  });

  refresh();
  const live = trpc.remote.notes.changes.subscribe(undefined, {
    onStarted: refresh,
    onData: refresh,
    onError: (error) => showError(error),
  });
  return {
    element: h(
      'section',
      { class: 'card' },
      cardHeading({ name: 'remote.notes', tag: 'backend · per org or user · live', isProtected: true }),
      form,
      message,
      list,
    ),
    dispose: () => {
      live.unsubscribe();
      controller.abort();
    },
  };
}

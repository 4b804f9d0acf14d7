/**
 * The backend's procedures, called exactly like local ones: the renderer calls main (`remote.*`),
 * main forwards the call with this window's session token, the backend verifies it.
 */
import { h, type View } from '../lib/dom';
import type { TrpcClient } from '../lib/trpc';
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
    notesCard(trpc),
  ];
}

/** A protected query and a mutation: notes are stored per user by the backend. */
function notesCard(trpc: TrpcClient): View {
  const controller = new AbortController();
  const { signal } = controller;
  const input = h('input', { placeholder: 'A note', maxlength: '500' });
  const button = h('button', { type: 'submit' }, 'Add');
  const addError = h('div');
  const list = h('div', null, loadingText());

  const refresh = (): void => {
    trpc.remote.notes.list.query(undefined, { signal }).then(
      (notes) => {
        if (signal.aborted) return;
        list.replaceChildren(
          h(
            'ul',
            null,
            ...notes.map((note) =>
              h('li', null, note.text, ' ', h('span', { class: 'muted' }, note.createdAt.toLocaleTimeString())),
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
    addError.replaceChildren();
    trpc.remote.notes.add.mutate({ text: input.value }, { signal }).then(
      () => {
        input.value = '';
        updateButton();
        refresh();
      },
      (error: unknown) => {
        if (signal.aborted) return;
        addError.replaceChildren(errorText(error));
        updateButton();
      },
    );
  });

  refresh();
  return {
    element: h(
      'section',
      { class: 'card' },
      cardHeading({ name: 'remote.notes', tag: 'backend · per user', isProtected: true }),
      form,
      addError,
      list,
    ),
    dispose: () => controller.abort(),
  };
}

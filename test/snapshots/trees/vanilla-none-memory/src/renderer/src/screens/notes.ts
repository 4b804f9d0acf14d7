import { h, staticView, type View } from '../lib/dom';

export function notesScreen(): View {
  return staticView(
    h(
      'div',
      { class: 'cards', 'data-screen': 'notes' },
      h(
        'section',
        { class: 'card' },
        h('h2', null, 'Notes'),
        h(
          'p',
          { class: 'muted' },
          'No backend: this app was created with ',
          h('code', null, '--backend none'),
          ', so there is nowhere to keep notes.',
        ),
      ),
    ),
  );
}

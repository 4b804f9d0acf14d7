import { h } from '../lib/dom';
import type { KeyProblem } from '../lib/publishable-key';

/** Shown instead of the app when VITE_CLERK_PUBLISHABLE_KEY is missing or is not a publishable key. */
export function setupScreen(problem: KeyProblem): HTMLElement {
  const variable = h('code', null, 'VITE_CLERK_PUBLISHABLE_KEY');
  const explanation =
    problem === 'missing'
      ? h('p', null, variable, ' is not set.')
      : h(
          'p',
          null,
          variable,
          ' is set, but it is not a Clerk publishable key (it should start with ',
          h('code', null, 'pk_test_'),
          ' or ',
          h('code', null, 'pk_live_'),
          ').',
        );

  return h(
    'main',
    { class: 'setup' },
    h(
      'div',
      { class: 'card' },
      h('h1', null, 'Connect your Clerk application'),
      explanation,
      h(
        'ol',
        null,
        h('li', null, 'In the Clerk dashboard (dashboard.clerk.com), open your application, or create one.'),
        h('li', null, 'Under ', h('strong', null, 'Native applications'), ', enable the ', h('strong', null, 'Native API'), '.'),
        h(
          'li',
          null,
          'Under ',
          h('strong', null, 'API keys'),
          ', copy the ',
          h('strong', null, 'publishable key'),
          ' into the ',
          h('code', null, '.env'),
          ' file at the root of this project:',
          h('pre', null, 'VITE_CLERK_PUBLISHABLE_KEY=pk_test_…'),
        ),
        h('li', null, 'Stop the app and start it again: the key is read when the app is built.'),
      ),
      h('p', { class: 'muted' }, 'Only the publishable key belongs in this app: the secret key stays on your backend.'),
    ),
  );
}

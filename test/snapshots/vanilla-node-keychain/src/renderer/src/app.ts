/**
 * The app once a publishable key is configured: Clerk (native Electron mode, see lib/clerk-native.ts)
 * signs the user in; the signed-in view calls main over tRPC. The content area shows exactly one
 * view at a time and disposes the previous one, which stops its subscriptions.
 */
import type { Clerk } from '@clerk/clerk-js';

import { createNativeClerk, nativeLoadOptions } from './lib/clerk-native';
import { h, staticView, type View } from './lib/dom';
import { createTrpcClient, type TrpcClient } from './lib/trpc';
import { homeView } from './views/home';

/** Which view the content area shows; a new session id means a new signed-in view (fresh data). */
export type Screen = { kind: 'loading' } | { kind: 'failed' } | { kind: 'sign-in' } | { kind: 'home'; sessionId: string };

export function screenFor(clerk: Pick<Clerk, 'status' | 'isSignedIn' | 'session'>, loadFailed = false): Screen {
  if (loadFailed || clerk.status === 'error') return { kind: 'failed' };
  if (clerk.status === 'loading') return { kind: 'loading' };
  if (clerk.isSignedIn && clerk.session) return { kind: 'home', sessionId: clerk.session.id };
  return { kind: 'sign-in' };
}

function screenKey(screen: Screen): string {
  return screen.kind === 'home' ? `home:${screen.sessionId}` : screen.kind;
}

function createView(screen: Screen, clerk: Clerk, trpc: TrpcClient): View {
  switch (screen.kind) {
    case 'loading':
      return staticView(h('p', { class: 'muted centered' }, 'Connecting to Clerk…'));
    case 'failed':
      return staticView(
        h(
          'div',
          { class: 'card error' },
          h('h2', null, 'Clerk could not load'),
          h(
            'p',
            null,
            'Check your network connection, that the publishable key in ',
            h('code', null, '.env'),
            ' belongs to an instance with the Native API enabled, and the console for Content-Security-Policy errors.',
          ),
        ),
      );
    case 'sign-in':
      return mountedClerkComponent('div', { class: 'centered' }, clerk.mountSignIn.bind(clerk), clerk.unmountSignIn.bind(clerk));
    case 'home':
      return homeView(trpc);
  }
}

/** A Clerk UI component mounted into its own element while the view exists. */
function mountedClerkComponent(
  tag: 'div' | 'span',
  attributes: Record<string, string> | null,
  mount: (node: HTMLDivElement) => void,
  unmount: (node: HTMLDivElement) => void,
): View {
  const node = h('div');
  mount(node);
  return { element: h(tag, attributes, node), dispose: () => unmount(node) };
}

/** A public procedure in the footer: answers whether or not anyone is signed in. */
function appFooter(trpc: TrpcClient): HTMLElement {
  const footer = h('footer', { class: 'footer muted' }, '…');
  trpc.app.info.query().then(
    (info) => footer.replaceChildren(`${info.name} ${info.version}`),
    () => footer.replaceChildren('Main did not answer'),
  );
  return footer;
}

export function startApp(root: HTMLElement, publishableKey: string): void {
  const clerk = createNativeClerk(publishableKey);
  const trpc = createTrpcClient(clerk);

  const userButtonSlot = h('span');
  const content = h('main', { class: 'content' });
  root.replaceChildren(
    h(
      'div',
      { class: 'layout' },
      h('header', { class: 'header' }, h('span', { class: 'brand' }, document.title), userButtonSlot),
      content,
      appFooter(trpc),
    ),
  );

  let shown: { key: string; view: View } | undefined;
  let userButton: View | undefined;
  let loadFailed = false;

  const render = (): void => {
    const screen = screenFor(clerk, loadFailed);
    const key = screenKey(screen);
    if (shown?.key !== key) {
      shown?.view.dispose();
      const view = createView(screen, clerk, trpc);
      content.replaceChildren(view.element);
      shown = { key, view };
    }

    const signedIn = screen.kind === 'home';
    if (signedIn && !userButton) {
      userButton = mountedClerkComponent('span', null, clerk.mountUserButton.bind(clerk), clerk.unmountUserButton.bind(clerk));
      userButtonSlot.replaceChildren(userButton.element);
    } else if (!signedIn && userButton) {
      userButton.dispose();
      userButtonSlot.replaceChildren();
      userButton = undefined;
    }
  };

  render();
  clerk.on('status', render);
  clerk.addListener(render);
  clerk.load(nativeLoadOptions(publishableKey)).then(render, (error: unknown) => {
    console.error('Clerk could not load', error);
    loadFailed = true;
    render();
  });
}

/**
 * The app once a publishable key is configured: Clerk (native Electron mode, see lib/clerk-native.ts)
 * signs the user in; the signed-in view calls main over tRPC. The content area shows exactly one
 * view at a time and disposes the previous one, which stops its subscriptions.
 */
import type { Clerk } from '@clerk/clerk-js';

import { createNativeClerk, nativeLoadOptions } from './lib/clerk-native';
import { pageConnection } from './lib/page-connection';
import { wirePage } from './lib/page-wiring';
import { connectingView, offlineBanner } from './views/connection';
import { h, staticView, type View } from './lib/dom';
import { createTrpcClient, type TrpcClient } from './lib/trpc';
import { homeView } from './views/home';
import { updateBanner } from './views/update-banner';

/** Which view the content area shows; a new session id means a new signed-in view (fresh data). */
export type Screen = { kind: 'loading' } | { kind: 'failed' } | { kind: 'sign-in' } | { kind: 'home'; sessionId: string };

export function screenFor(clerk: Pick<Clerk, 'status' | 'isSignedIn' | 'session'>, loadFailed = false): Screen {
  if (loadFailed || clerk.status === 'error') return { kind: 'failed' };
  if (clerk.status === 'loading') return { kind: 'loading' };
  if (clerk.isSignedIn && clerk.session) return { kind: 'home', sessionId: clerk.session.id };
  return { kind: 'sign-in' };
}

/** Loads Clerk again (a reload, see lib/connection-watcher.ts). */
function retryButton(): HTMLButtonElement {
  const button = h('button', { type: 'button' }, 'Retry');
  button.addEventListener('click', () => pageConnection().watcher.retryNow());
  return button;
}

function screenKey(screen: Screen): string {
  return screen.kind === 'home' ? `home:${screen.sessionId}` : screen.kind;
}

function createView(screen: Screen, clerk: Clerk, trpc: TrpcClient): View {
  switch (screen.kind) {
    case 'loading':
      return connectingView(); // "Connecting to Clerk…", then the offline state after a bounded wait
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
          retryButton(),
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
  // Where clerk-js's script tag puts it, and React's and Vue's SDKs too: tools and the real-window
  // tests (e2e/clerk.ts) find the instance there.
  (globalThis as { Clerk?: Clerk }).Clerk = clerk;
  const trpc = createTrpcClient(clerk);
  const loadOptions = nativeLoadOptions(publishableKey);
  wirePage(clerk, loadOptions.ui.ClerkUI); // offline state instead of an endless spinner; sign-in/out from other windows

  const userButtonSlot = h('span');
  const content = h('main', { class: 'content' });
  root.replaceChildren(
    h(
      'div',
      { class: 'layout' },
      h('header', { class: 'header' }, h('span', { class: 'brand' }, document.title), userButtonSlot),
      // Lives as long as the page: its subscription is never stopped.
      updateBanner(trpc).element,
      offlineBanner().element,
      content,
      appFooter(trpc),
    ),
  );

  let shown: { key: string; view: View } | undefined;
  let userButton: View | undefined;
  let loadFailed = false;

  const render = (): void => {
    // Unreachable: the connection view says what failed and offers a retry.
    const screen: Screen = pageConnection().get().phase === 'unreachable' ? { kind: 'loading' } : screenFor(clerk, loadFailed);
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
  pageConnection().subscribe(render);
  clerk.load(loadOptions).then(render, (error: unknown) => {
    console.error('Clerk could not load', error);
    loadFailed = true;
    pageConnection().watcher.failed(error instanceof Error ? error.message : 'Clerk could not load.');
    render();
  });
}

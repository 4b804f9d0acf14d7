/**
 * The app once a publishable key is configured. Its frame (header, banners, "Connecting to Clerk…")
 * paints at once; Clerk's code follows as a separate chunk (native Electron mode, src/kit/renderer/clerk-native.ts)
 * and signs the user in. Signed in, the content area shows the screen of the current route. It
 * shows exactly one view at a time and disposes the previous one, which stops its subscriptions.
 */
import type { Clerk } from '@clerk/clerk-js';

import { afterFirstPaint } from '../../kit/renderer/after-first-paint';
import { h, staticView, type View } from './lib/dom';
import { createHashRouter } from './lib/hash-router';
import { pageConnection } from '../../kit/renderer/connection-watcher';
import { wirePage } from '../../kit/renderer/page-wiring';
import { createTrpcClient, type TrpcClient } from '../../kit/renderer/trpc';
import { homeScreen } from './screens/home';
import { notesScreen } from './screens/notes';
import { connectingView, offlineBanner, updateBanner } from './views/status';

/** The app's screens by route. Add one: a file in screens/ and a line here (the nav follows). */
const screens = {
  '/': { title: 'Home', view: homeScreen },
  '/notes': { title: 'Notes', view: notesScreen },
} satisfies Record<string, { title: string; view: (trpc: TrpcClient) => View }>;

/**
 * Which view the content area shows; a new session or organization means new screens (fresh data).
 * A session with a task left (`pending`, e.g. the instance requires an organization) gets the task.
 */
export type Screen =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'sign-in' }
  | { kind: 'session-task' }
  | { kind: 'signed-in'; sessionId: string; orgId: string | null };

type ClerkState = Pick<Clerk, 'status' | 'isSignedIn' | 'session' | 'organization'>;

export function screenFor(clerk: ClerkState | undefined, loadFailed = false): Screen {
  if (loadFailed || clerk?.status === 'error') return { kind: 'failed' };
  if (!clerk || clerk.status === 'loading') return { kind: 'loading' };
  if (clerk.isSignedIn && clerk.session)
    return { kind: 'signed-in', sessionId: clerk.session.id, orgId: clerk.organization?.id ?? null };
  return clerk.session?.status === 'pending' ? { kind: 'session-task' } : { kind: 'sign-in' };
}

/** Loads Clerk again (a reload, see lib/connection-watcher.ts). */
function retryButton(): HTMLButtonElement {
  const button = h('button', { type: 'button' }, 'Retry');
  button.addEventListener('click', () => pageConnection().watcher.retryNow());
  return button;
}

const failedView = (): View =>
  staticView(
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

/** Clerk for this page, from its own chunk. */
async function startClerk(publishableKey: string): Promise<{ clerk: Clerk; loaded: Promise<unknown> }> {
  const { createNativeClerk, nativeLoadOptions } = await import('../../kit/renderer/clerk-native');
  const clerk = createNativeClerk(publishableKey);
  // Where clerk-js's script tag puts it, and React's and Vue's SDKs too: tools and the real-window
  // tests (e2e/app.spec.ts) find the instance there.
  (globalThis as { Clerk?: Clerk }).Clerk = clerk;
  const loadOptions = nativeLoadOptions(publishableKey);
  wirePage(clerk, loadOptions.ui.ClerkUI); // offline state instead of an endless spinner; sign-in/out from other windows
  return { clerk, loaded: clerk.load(loadOptions) };
}

export function startApp(root: HTMLElement, publishableKey: string): void {
  let clerk: Clerk | undefined;
  let loadFailed = false;
  const trpc = createTrpcClient(() => clerk);
  const router = createHashRouter(Object.keys(screens) as [keyof typeof screens]);

  const links = Object.entries(screens).map(([path, { title }]) => h('a', { href: `#${path}` }, title));
  const nav = h('nav', { class: 'nav', hidden: '' }, ...links); // signed in only: the sign-in form owns the hash until then
  const accountSlot = h('span', { class: 'account' });
  const content = h('main', { class: 'content' });
  root.replaceChildren(
    h(
      'div',
      { class: 'layout' },
      h('header', { class: 'header' }, h('span', { class: 'brand' }, document.title), nav, accountSlot),
      // Lives as long as the page: its subscription is never stopped.
      updateBanner(trpc).element,
      offlineBanner().element,
      content,
      appFooter(trpc),
    ),
  );

  const createView = (screen: Screen, route: keyof typeof screens): View => {
    switch (screen.kind) {
      case 'loading':
        return connectingView(); // "Connecting to Clerk…", then the offline state after a bounded wait
      case 'failed':
        return failedView();
      case 'sign-in':
        // Clerk's sign-in form keeps its steps in the URL's hash too (`#/factor-one`) and, on a path it
        // does not know (`#/notes`), leaves for Clerk's hosted sign-in page: it starts at `#/`.
        history.replaceState(history.state, '', '#/');
        return mountedClerkComponent(
          'div',
          { class: 'centered', 'data-screen': 'sign-in' },
          (node) => clerk?.mountSignIn(node),
          (node) => clerk?.unmountSignIn(node),
        );
      case 'session-task':
        return mountedClerkComponent(
          'div',
          { class: 'centered', 'data-screen': 'session-task' },
          (node) => clerk?.mountTaskChooseOrganization(node, { redirectUrlComplete: location.href }),
          (node) => clerk?.unmountTaskChooseOrganization(node),
        );
      case 'signed-in':
        return screens[route].view(trpc);
    }
  };

  let shown: { key: string; view: View } | undefined;
  let account: View[] = [];

  const render = (): void => {
    const route = router.current();
    for (const link of links) {
      if (link.getAttribute('href') === `#${route}`) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    // Unreachable: the connection view says what failed and offers a retry.
    const screen: Screen = pageConnection().get().phase === 'unreachable' ? { kind: 'loading' } : screenFor(clerk, loadFailed);
    if (screen.kind === 'sign-in' && route !== '/') {
      // Signed out on one of the app's screens (`#/notes`): Clerk's form would take that hash for a
      // step of its own and leave for its hosted page, so it starts again, at `#/`.
      shown?.view.dispose();
      shown = undefined;
    }
    const key = screen.kind === 'signed-in' ? `${screen.sessionId}:${screen.orgId}:${route}` : screen.kind;
    if (shown?.key !== key) {
      shown?.view.dispose();
      const view = createView(screen, route);
      content.replaceChildren(view.element);
      shown = { key, view };
    }

    const signedIn = screen.kind === 'signed-in';
    nav.hidden = !signedIn;
    if (signedIn && account.length === 0) {
      // The organization switcher for members of one: on an instance without organizations it would
      // open Clerk's "enable organizations" prompt (development) at every start.
      const organizations = clerk?.user?.organizationMemberships.length
        ? [
            mountedClerkComponent(
              'span',
              null,
              (node) => clerk?.mountOrganizationSwitcher(node),
              (node) => clerk?.unmountOrganizationSwitcher(node),
            ),
          ]
        : [];
      account = [
        ...organizations,
        mountedClerkComponent(
          'span',
          null,
          (node) => clerk?.mountUserButton(node),
          (node) => clerk?.unmountUserButton(node),
        ),
      ];
      accountSlot.replaceChildren(...account.map((view) => view.element));
    } else if (!signedIn && account.length > 0) {
      account.forEach((view) => view.dispose());
      accountSlot.replaceChildren();
      account = [];
    }
  };

  const fail = (error: unknown): void => {
    console.error('Clerk could not load', error);
    loadFailed = true;
    pageConnection().watcher.failed(error instanceof Error ? error.message : 'Clerk could not load.');
    render();
  };

  render();
  pageConnection().subscribe(render);
  router.subscribe(render);
  afterFirstPaint(() =>
    startClerk(publishableKey).then(({ clerk: started, loaded }) => {
      clerk = started;
      clerk.on('status', render);
      clerk.addListener(render);
      render();
      loaded.then(render, fail);
    }, fail),
  );
}

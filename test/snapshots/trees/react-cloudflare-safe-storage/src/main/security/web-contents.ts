/**
 * Applies the navigation rules (./navigation) to every web page the app creates.
 * Registered once, on `web-contents-created`, so no window can be forgotten.
 */
import { shell, type WebContents } from 'electron';

import {
  decideNavigation,
  decideWindowOpen,
  mustCloseAfterCommit,
  type NavigationDecision,
  type NavigationPolicy,
} from './navigation';

/** The part of Electron's WebContents the rules use (tests pass a fake). */
export type WebContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'close'>;

export interface WebContentsDeps {
  openExternal: (url: string) => Promise<void>;
  log: (line: string) => void;
}

const electronDeps: WebContentsDeps = {
  openExternal: (url) => shell.openExternal(url),
  log: (line) => console.warn(line),
};

/** The origin only: paths and queries can carry data, and logs are kept. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : `a ${parsed.protocol} URL`;
  } catch {
    return 'an unparsable URL';
  }
}

export function secureWebContents(
  contents: WebContentsLike,
  policy: NavigationPolicy,
  deps: WebContentsDeps = electronDeps,
): void {
  function apply(decision: NavigationDecision, url: string, preventDefault: () => void): void {
    if (decision === 'allow') return;
    preventDefault();
    if (decision === 'open-in-browser') {
      deps
        .openExternal(url)
        .catch((error: unknown) => deps.log(`Could not open ${describeUrl(url)} in the browser: ${String(error)}`));
    } else {
      deps.log(`Blocked navigation to ${describeUrl(url)} (not an app page, not an allowed external host)`);
    }
  }

  contents.on('will-navigate', (event) => {
    apply(decideNavigation(event.url, policy), event.url, () => event.preventDefault());
  });
  contents.on('will-redirect', (event) => {
    if (!event.isMainFrame) return;
    apply(decideNavigation(event.url, policy), event.url, () => event.preventDefault());
  });
  contents.on('did-navigate', (_event, url) => {
    if (!mustCloseAfterCommit(url, policy.appOrigins)) return;
    deps.log(`Closed a window whose page left the app for ${describeUrl(url)}`);
    contents.close();
  });
  contents.setWindowOpenHandler(({ url }) => {
    apply(decideWindowOpen(url, policy), url, () => {});
    return { action: 'deny' };
  });
  // No <webview> tags: they would bypass every rule above.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

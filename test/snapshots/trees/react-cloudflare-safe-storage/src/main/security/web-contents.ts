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
import { describeUrlForLog } from './origins';

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
        .catch((error: unknown) => deps.log(`Could not open ${describeUrlForLog(url)} in the browser: ${String(error)}`));
    } else {
      deps.log(`Blocked navigation to ${describeUrlForLog(url)} (not an app page, not an allowed external host)`);
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
    deps.log(`Closed a window whose page left the app for ${describeUrlForLog(url)}`);
    contents.close();
  });
  contents.setWindowOpenHandler(({ url }) => {
    apply(decideWindowOpen(url, policy), url, () => {});
    return { action: 'deny' };
  });
  // No <webview> tags: they would bypass every rule above.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Applies the navigation rules (./navigation) to every web page the app creates.
 * Registered once, on `web-contents-created`, so no window can be forgotten.
 */
import { shell, type WebContents } from 'electron';

import { decideNavigation, decideWindowOpen, type NavigationDecision } from './navigation';

function openInBrowser(url: string): void {
  shell.openExternal(url).catch((error: unknown) => console.warn(`Could not open ${url} in the browser:`, error));
}

function apply(decision: NavigationDecision, url: string, preventDefault: () => void): void {
  if (decision === 'allow') return;
  preventDefault();
  if (decision === 'open-in-browser') openInBrowser(url);
  else console.warn(`Blocked navigation to ${url}`);
}

export function secureWebContents(contents: WebContents, appOrigins: readonly string[]): void {
  contents.on('will-navigate', (event) => {
    apply(decideNavigation(event.url, appOrigins), event.url, () => event.preventDefault());
  });
  contents.on('will-redirect', (event) => {
    if (!event.isMainFrame) return;
    apply(decideNavigation(event.url, appOrigins), event.url, () => event.preventDefault());
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-in-browser') openInBrowser(url);
    return { action: 'deny' };
  });
  // No <webview> tags: they would bypass every rule above.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * What a window may navigate to or open. Pure decisions; src/main/window.ts applies them.
 *
 * The app's pages stay on the app's origins. Anything else never loads inside the app: an https
 * link goes to the user's browser, every other scheme (http, file, javascript, custom protocols
 * of other apps...) is dropped.
 */
import { isAppUrl } from './origins';

export type NavigationDecision = 'allow' | 'open-in-browser' | 'deny';

function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** A top-level navigation or redirect of an app window (`will-navigate`, `will-redirect`). */
export function decideNavigation(url: string, appOrigins: readonly string[]): NavigationDecision {
  if (isAppUrl(url, appOrigins)) return 'allow';
  return isHttpsUrl(url) ? 'open-in-browser' : 'deny';
}

/** `window.open` and `target="_blank"` links: the app never opens a second Electron window. */
export function decideWindowOpen(url: string): Exclude<NavigationDecision, 'allow'> {
  return isHttpsUrl(url) ? 'open-in-browser' : 'deny';
}

/**
 * What a window may navigate to or open. Pure decisions; ./web-contents applies them.
 *
 * The app's pages stay on the app's origins. Anything else never loads inside the app. An https
 * link to one of the allowed external hosts (Clerk's, and those you list in
 * EXTERNAL_LINK_HOSTS in src/main/config.ts) opens in the user's browser; everything else is
 * dropped with a log line, so a script injected into the page cannot use the browser to send data
 * out around the Content-Security-Policy. (Clerk's OAuth goes through its own bridge, not through
 * navigation.)
 */
import { isAppUrl } from './origins';

export type NavigationDecision = 'allow' | 'open-in-browser' | 'deny';

export interface NavigationPolicy {
  /** The app's own origins (the packaged renderer, plus the dev server in development). */
  appOrigins: readonly string[];
  /**
   * Hosts whose https pages may open in the browser. `example.com` also covers its subdomains
   * (`docs.example.com`), never look-alikes (`example.com.evil.net`).
   */
  externalHosts: readonly string[];
}

function httpsHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && !parsed.username && !parsed.password ? parsed.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Whether `url` is an https page on one of the allowed external hosts. */
export function isAllowedExternalUrl(url: string, externalHosts: readonly string[]): boolean {
  const host = httpsHost(url);
  if (host === null) return false;
  return externalHosts.some((allowed) => {
    const entry = allowed.toLowerCase().replace(/^\.+/, '');
    return entry !== '' && (host === entry || host.endsWith(`.${entry}`));
  });
}

/** A top-level navigation or redirect of an app window (`will-navigate`, `will-redirect`). */
export function decideNavigation(url: string, policy: NavigationPolicy): NavigationDecision {
  if (isAppUrl(url, policy.appOrigins)) return 'allow';
  return isAllowedExternalUrl(url, policy.externalHosts) ? 'open-in-browser' : 'deny';
}

/** `window.open` and `target="_blank"` links: the app never opens a window for web content. */
export function decideWindowOpen(url: string, policy: NavigationPolicy): Exclude<NavigationDecision, 'allow'> {
  return isAllowedExternalUrl(url, policy.externalHosts) ? 'open-in-browser' : 'deny';
}

/**
 * After a main frame COMMITTED a navigation (`did-navigate`): a window whose page is no longer one
 * of the app's is closed. The rules above stop such navigations before they happen; this is the
 * backstop for any path they do not see. DevTools and Chromium's own error pages are left alone
 * (an error page has no app origin, so it can call nothing).
 */
export function mustCloseAfterCommit(url: string, appOrigins: readonly string[]): boolean {
  if (isAppUrl(url, appOrigins)) return false;
  return !/^(devtools|chrome-error):/i.test(url);
}

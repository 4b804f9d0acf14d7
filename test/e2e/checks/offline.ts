/**
 * With a publishable key whose Frontend API host does not resolve, a generated app's built
 * renderer must show its offline state (what failed, a Retry) within the bounded wait of
 * src/kit/renderer/connection-watcher.ts, not "Connecting to Clerk…" forever; and it must wait
 * for the network (no retry while offline), then retry by itself when the `online` event comes.
 *
 * Nothing is routed or refused here: the host really does not resolve. Main is not needed for this
 * (the page's IPC bridge is an inert stand-in), only the app's own CSP and file server.
 */
import { chromium } from 'playwright-core';
import type { GeneratedApp } from '../../../scripts/lib/generated-app.js';
import { loadAppMainModules } from './app-main-modules.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, serveRenderer } from './renderer.js';

/** The connection watcher's default bounded wait (`timeoutMs`). */
export const CONNECT_TIMEOUT_MS = 10_000;
/** What the offline card says (describeConnection in connection-watcher.ts). */
export const OFFLINE_TITLE = 'Cannot reach Clerk';

export interface OfflineReport {
  /** ms from navigation until the offline card showed, or null if it never did */
  offlineAfterMs: number | null;
  text: string;
  /** Whether "Connecting to Clerk…" was still on screen with the offline card */
  stillConnecting: boolean;
  hasRetry: boolean;
  /** The card's text while the browser is offline (the retry waits for the network) */
  offlineText: string;
  /** Page loads (a retry reloads): while offline, then after going online */
  loadsWhileOffline: number;
  loadsAfterOnline: number;
  pageErrors: string[];
}

function inertPreload(global: string): string {
  return `(() => {
  Object.defineProperty(window, ${JSON.stringify(global)}, { value: Object.freeze({ send() {}, onMessage() { return () => {}; } }) });
  Object.defineProperty(window, '__clerk_internal_electron', {
    value: Object.freeze({
      tokenCache: { getToken: async () => null, saveToken: async () => {}, clearToken: async () => {} },
      oauthTransport: { getRedirectUrl: async () => 'app://oauth-callback', open: async () => {} },
    }),
  });
})();`;
}

export async function checkOfflineState(
  app: GeneratedApp,
  options: { rendererDir: string; publishableKey: string; workDir: string; screenshot: string },
): Promise<OfflineReport> {
  const main = await loadAppMainModules(app.dir, options.workDir);
  const csp = main.csp.buildContentSecurityPolicy({
    frontendApiHost: main.publishableKey.frontendApiHostFromPublishableKey(options.publishableKey),
  });
  const { server, origin } = await serveRenderer(options.rendererDir, main, csp);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    let loads = 0;
    const frontendApiHost = main.publishableKey.frontendApiHostFromPublishableKey(options.publishableKey);
    // Clerk's own failure to fetch from the unresolvable host is the point of this check.
    page.on('pageerror', (error) => {
      if (!error.message.includes(frontendApiHost)) pageErrors.push(error.message);
    });
    page.on('load', () => loads++);
    await page.addInitScript({ content: inertPreload(main.protocol.IPC_BRIDGE_GLOBAL) });

    const started = performance.now();
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    let offlineAfterMs: number | null = null;
    try {
      await page.getByText(OFFLINE_TITLE).waitFor({ timeout: CONNECT_TIMEOUT_MS + 5_000 });
      offlineAfterMs = Math.round(performance.now() - started);
    } catch {
      // reported as null
    }
    const text = (await page.innerText('body')).trim();
    // Offline (before the first automatic retry, 2 s later): the card says it waits for the
    // network, and nothing reloads meanwhile.
    await context.setOffline(true);
    const hasRetry = (await page.getByRole('button', { name: 'Retry' }).count()) > 0;
    await page.screenshot({ path: options.screenshot, fullPage: true });
    await page.waitForTimeout(300);
    const offlineText = (await page.innerText('body')).trim();
    const before = loads;
    await page.waitForTimeout(2_500); // longer than the first backoff step (2 s)
    const loadsWhileOffline = loads - before;

    // Back online: the `online` event retries at once (a reload: Clerk loads anew).
    await context.setOffline(false);
    await page.waitForTimeout(1_500);
    return {
      offlineAfterMs,
      text,
      stillConnecting: /Connecting to Clerk/.test(text),
      hasRetry,
      offlineText,
      loadsWhileOffline,
      loadsAfterOnline: loads - before - loadsWhileOffline,
      pageErrors,
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

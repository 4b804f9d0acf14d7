/**
 * Loads a generated app's built renderer (out/renderer) in headless Chromium, the way the packaged
 * app would show it, with Electron's two halves played by this test:
 *   - the preload: a stand-in `window.<IPC_BRIDGE_GLOBAL>` with the same two functions
 *     (send, onMessage) that forwards messages to Node through a Playwright binding;
 *   - main: the app's REAL IPC handler and router (app-main-modules.ts), replying to the page.
 * The page is served over HTTP with the app's real Content-Security-Policy and path guard, so a
 * CSP violation or a missing asset shows up as a console error.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { chromium, type Page } from 'playwright-core';
import type { GeneratedApp } from '../../../scripts/lib/generated-app.js';
import { loadAppMainModules, type AppMainModules } from './app-main-modules.js';

/** A well-formed key for a Frontend API host that cannot exist (`.invalid`); requests to it are refused. */
export const PLACEHOLDER_PUBLISHABLE_KEY = `pk_test_${Buffer.from('clerk.e2e-placeholder.invalid$').toString('base64')}`;

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export interface RendererReport {
  state: 'setup' | 'signed-out' | 'clerk-unreachable' | 'unknown';
  /** Visible text of the page */
  text: string;
  /** The app's screens on the page (their `data-screen` names): none until Clerk says who is signed in */
  screens: string[];
  /** Console errors, except failed requests to the Clerk Frontend API (unreachable by design) */
  consoleErrors: string[];
  /** Requests to the Clerk Frontend API, all refused by the test */
  clerkRequests: string[];
  pageErrors: string[];
  /** Procedures the app itself called over the bridge while loading */
  appCalls: string[];
  /** A public query sent over the page's bridge and answered by the real main handler */
  publicCall: { ok: boolean; reply: unknown };
  /** Errors the handler reported (dropped messages, failing procedures) */
  handlerErrors: string[];
}

/** Serves out/renderer as `<scheme>://renderer` would: the app's path guard, content types and CSP. */
export function serveRenderer(rootDir: string, main: AppMainModules, csp: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    // Chromium asks for a favicon on its own; an Electron window does not.
    if (request.url === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = main.rendererFiles.resolveRendererFile(rootDir, `app://renderer${request.url ?? '/'}`, {
      scheme: 'app',
      host: 'renderer',
    });
    if (file === null) {
      response.writeHead(404).end();
      return;
    }
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': main.rendererFiles.contentTypeFor(file),
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
    });
    response.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

/**
 * Runs in the page before any app script: what the real preload exposes (createIpcBridge in src/kit/ipc/protocol.ts),
 * backed by a Playwright binding, plus an inert stand-in for @clerk/electron's preload bridge.
 * Plain JavaScript source, so that no transpiler helper ends up in the page.
 */
function standInPreload({
  global,
  sendBinding,
  deliverName,
}: {
  global: string;
  sendBinding: string;
  deliverName: string;
}): string {
  return `(() => {
  const listeners = new Set();
  const send = window[${JSON.stringify(sendBinding)}];
  Object.defineProperty(window, ${JSON.stringify(deliverName)}, {
    value: (message) => { for (const listener of listeners) listener(structuredClone(message)); },
  });
  const bridge = Object.freeze({
    send(message) { send(structuredClone(message)); },
    onMessage(listener) {
      const entry = (message) => listener(message);
      listeners.add(entry);
      return () => { listeners.delete(entry); };
    },
  });
  Object.defineProperty(window, ${JSON.stringify(global)}, { value: bridge, enumerable: true });
  Object.defineProperty(window, '__clerk_internal_electron', {
    value: Object.freeze({
      tokenCache: { getToken: async () => null, saveToken: async () => {}, clearToken: async () => {} },
      oauthTransport: { getRedirectUrl: async () => 'app://oauth-callback', open: async () => {} },
    }),
  });
})();`;
}

function classify(text: string): RendererReport['state'] {
  if (/VITE_CLERK_PUBLISHABLE_KEY/.test(text)) return 'setup';
  if (/Clerk could not load|Connecting to Clerk|Cannot reach Clerk/i.test(text)) return 'clerk-unreachable';
  if (/sign[ -]?in/i.test(text)) return 'signed-out';
  return 'unknown';
}

/** The `data-screen` names of the screens the page shows: `home`, `notes`, `sign-in`… */
export function screensShown(page: Page): Promise<string[]> {
  return page.$$eval('[data-screen]', (elements) => elements.map((element) => element.getAttribute('data-screen') ?? ''));
}

/** The URL of `route` of the app served at `origin`, as main builds it for a window: `#/notes`. */
export function routeUrl(origin: string, route = '/'): string {
  return `${origin}/${route === '/' ? '' : `#${route}`}`;
}

async function callPublicQuery(page: Page, global: string, path: string): Promise<unknown> {
  // What the app's link sends for a query without input: superjson's serialisation of undefined.
  const message = { type: 'query', path, input: { json: undefined }, token: null };
  return page.evaluate(`new Promise((resolve, reject) => {
    const bridge = window[${JSON.stringify(global)}];
    const id = 'e2e-' + Math.random().toString(36).slice(2);
    const timer = setTimeout(() => reject(new Error('no reply to ${path} within 10 s')), 10000);
    const off = bridge.onMessage((message) => {
      if (message.id !== id) return;
      clearTimeout(timer);
      off();
      resolve(message);
    });
    bridge.send({ ...${JSON.stringify(message)}, id, input: { json: undefined } });
  })`);
}

export interface RendererCheckOptions {
  /** A built renderer folder, e.g. `<app>/out/renderer` */
  rendererDir: string;
  /** The publishable key the renderer was built with, if any: its Frontend API host goes into the CSP */
  publishableKey?: string;
  /** What main's `app.info` answers (Electron's app name and version in the real app) */
  appInfo: { name: string; version: string };
  screenshot: string;
  /** Folder for the bundle of the app's main modules */
  workDir: string;
  /** The route the page opens on, e.g. `/notes` (default `/`) */
  route?: string;
}

export async function checkRenderer(app: GeneratedApp, options: RendererCheckOptions): Promise<RendererReport> {
  const main = await loadAppMainModules(app.dir, options.workDir);
  const frontendApiHost = options.publishableKey
    ? main.publishableKey.frontendApiHostFromPublishableKey(options.publishableKey)
    : null;
  const csp = main.csp.buildContentSecurityPolicy({ frontendApiHost });
  const { server, origin } = await serveRenderer(options.rendererDir, main, csp);

  const handlerErrors: string[] = [];
  const appCalls: string[] = [];
  const handler = main.handler.registerTrpcIpc({
    router: main.router.appRouter,
    createContext: main.context.createContextFactory({ app: options.appInfo }),
    allowedOrigins: [origin],
    verifier: main.verifier.createSessionVerifier({}),
    onError: ({ error, path }) => handlerErrors.push(`${path ?? '?'}: ${error.message}`),
  });

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    const consoleErrors: string[] = [];
    const clerkRequests: string[] = [];
    const pageErrors: string[] = [];
    const isClerk = (url: string) => frontendApiHost !== null && url.startsWith(`https://${frontendApiHost}/`);
    // Clerk's servers are out of reach here: refuse at once instead of waiting for DNS.
    await page.route(
      (url) => isClerk(url.href),
      (route) => {
        clerkRequests.push(route.request().url());
        return route.abort('internetdisconnected');
      },
    );
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location().url;
      if (!isClerk(url)) consoleErrors.push(`${message.text()}${url ? ` (${url})` : ''}`);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const names = { global: main.protocol.IPC_BRIDGE_GLOBAL, sendBinding: '__e2eIpcSend', deliverName: '__e2eIpcDeliver' };
    // Electron's senderFrame for this page: replies go back into the page.
    const frame = {
      origin,
      send: (_channel: string, message: unknown) => {
        void page.evaluate(`window[${JSON.stringify(names.deliverName)}](${JSON.stringify(message)})`).catch(() => {});
      },
    };
    await page.exposeBinding(names.sendBinding, (_source, message: { type?: string; path?: string }) => {
      if (message?.path && !String((message as { id?: string }).id).startsWith('e2e-'))
        appCalls.push(`${message.type} ${message.path}`);
      handler.receive({ sender: { id: 1 }, senderFrame: frame }, message);
    });
    await page.addInitScript({ content: standInPreload(names) });

    await page.goto(routeUrl(origin, options.route), { waitUntil: 'load' });
    await page.waitForFunction('document.body.innerText.trim().length > 0', undefined, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');

    const reply = await callPublicQuery(page, names.global, 'app.info');
    const text = (await page.innerText('body')).trim();
    const screens = await screensShown(page);
    await page.screenshot({ path: options.screenshot, fullPage: true });

    return {
      state: classify(text),
      text,
      screens,
      consoleErrors,
      clerkRequests,
      pageErrors,
      appCalls,
      publicCall: { ok: isResultWith(reply, options.appInfo), reply },
      handlerErrors,
    };
  } finally {
    handler.dispose();
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A `result` message whose superjson payload is the app info main was given. */
function isResultWith(reply: unknown, expected: { name: string; version: string }): boolean {
  const message = reply as { type?: string; data?: { json?: { name?: string; version?: string } } };
  return (
    message?.type === 'result' && message.data?.json?.name === expected.name && message.data.json.version === expected.version
  );
}

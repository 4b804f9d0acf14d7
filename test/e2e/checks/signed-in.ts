/**
 * The signed-in app in headless Chromium: a generated app's BUILT renderer, wired as in
 * renderer.ts to the app's REAL main IPC handler and router, with Clerk's Frontend API played by
 * the stand-in (fapi-stand-in/) and, for apps with one, the real backend (`dev:backend`) trusting
 * the stand-in's key. Each browser context is one app window of its own, whose main-process token
 * storage already holds a signed-in client token (as after a sign-in in an earlier run).
 *
 * The chain under test: clerk-js mints session tokens from the stand-in → the app's tRPC link puts
 * the token on every IPC message → main verifies it (JWKS of the stand-in, azp = the renderer's
 * origin, the test's clock) and keeps it per window → main's remote client forwards it to the
 * backend, which verifies it with @clerk/backend.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  createFapiStandIn,
  routeToStandIn,
  type FapiStandIn,
  type StandInMembership,
  type StandInUser,
} from './fapi-stand-in/index.js';
import type { AppMainModules } from './app-main-modules.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, routeUrl, serveRenderer } from './renderer.js';

// ─── main's modules ─────────────────────────────────────────────────────────────────────────────

type IpcHandler = ReturnType<AppMainModules['handler']['registerTrpcIpc']> & { documentReplaced(windowId: number): void };

interface SignedInMainModules extends AppMainModules {
  tokens: { createWindowTokens(): WindowTokens };
  /** Only in apps with a backend */
  backend?: { connectBackend(options: { backendUrl: string }): unknown };
  /** Only in apps with a backend: `remote.*` to the backend by path, as the kit's app.ts wires it */
  forward?: { forwardToBackend: unknown };
  windows: { setWindowOpener(open: ((route: string) => { webContents: { id: number } }) | null): void };
  windowUrl: { windowUrl(rendererUrl: string, route?: string): string };
}

interface WindowTokens {
  ticket(): number;
  record(windowId: number, ticket: number, token: string | null, auth: unknown): boolean;
  entry(windowId: number): unknown;
  get(windowId: number): string | null;
  delete(windowId: number): void;
}

const MAIN_MODULES = {
  handler: 'src/kit/ipc/main/handler',
  router: 'src/main/router',
  context: 'src/kit/main/trpc/init',
  verifier: 'src/kit/main/auth/verify-session',
  tokens: 'src/kit/ipc/main/fresh-token',
  publishableKey: 'src/kit/shared/publishable-key',
  csp: 'src/kit/main/security/policy',
  rendererFiles: 'src/kit/main/security/policy',
  protocol: 'src/kit/ipc/protocol',
  backend: 'src/kit/main/remote/backend',
  forward: 'src/kit/main/remote/forward',
  windows: 'src/kit/main/window-routes',
  windowUrl: 'src/kit/main/window-routes',
} as const;

/**
 * Bundles the app's main-process modules into one CommonJS file (as app-main-modules.ts does), with
 * the remote backend module in the same bundle as the forwarder, so that `connectBackend` configures
 * the client that `remote.*` calls use.
 */
async function loadMainModules(appDir: string, workDir: string, tag: string): Promise<SignedInMainModules> {
  const entry = join(workDir, `signed-in-main-${tag}.ts`);
  const outfile = join(workDir, `signed-in-main-${tag}.cjs`);
  const present = Object.entries(MAIN_MODULES).filter(([, path]) => existsSync(join(appDir, `${path}.ts`)));
  writeFileSync(
    entry,
    present.map(([name, path]) => `export * as ${name} from ${JSON.stringify(join(appDir, path))};`).join('\n'),
  );
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    absWorkingDir: appDir,
  });
  return createRequire(import.meta.url)(outfile) as SignedInMainModules;
}

// ─── the page's stand-in preload ─────────────────────────────────────────────────────────────────

/**
 * What the real preload exposes: the IPC bridge (as in renderer.ts) and @clerk/electron's bridge,
 * whose token cache stands for main's token storage: it starts with the client token of a
 * signed-in client and keeps the rotated one clerk-js hands back.
 */
function preloadScript(names: { global: string; sendBinding: string; deliverName: string }, clientToken: string): string {
  return `(() => {
  const listeners = new Set();
  const send = window[${JSON.stringify(names.sendBinding)}];
  Object.defineProperty(window, ${JSON.stringify(names.deliverName)}, {
    value: (message) => { for (const listener of listeners) listener(structuredClone(message)); },
  });
  Object.defineProperty(window, ${JSON.stringify(names.global)}, {
    value: Object.freeze({
      send(message) { send(structuredClone(message)); },
      onMessage(listener) {
        const entry = (message) => listener(message);
        listeners.add(entry);
        return () => { listeners.delete(entry); };
      },
    }),
    enumerable: true,
  });
  const stored = new Map([['__clerk_client_jwt', ${JSON.stringify(clientToken)}]]);
  Object.defineProperty(window, '__clerk_internal_electron', {
    value: Object.freeze({
      tokenCache: Object.freeze({
        getToken: async (key) => stored.get(key) ?? null,
        saveToken: async (key, value) => { stored.set(key, value); },
        clearToken: async (key) => { stored.delete(key); },
      }),
      oauthTransport: Object.freeze({ getRedirectUrl: async () => 'app://oauth-callback', open: async () => { throw new Error('no OAuth in this test'); } }),
    }),
  });
})();`;
}

// ─── harness ─────────────────────────────────────────────────────────────────────────────────────

/** One IPC message the app's own tRPC link sent. */
export interface AppCall {
  type: string;
  path: string;
  token: string | null;
}

export interface TestClock {
  now(): number;
  /** Milliseconds the test has moved the clock ahead of real time */
  offsetMs: number;
}

export interface AppWindow {
  readonly windowId: number;
  readonly user: StandInUser;
  readonly sessionId: string;
  readonly page: Page;
  readonly context: BrowserContext;
  /** What the app itself sent over IPC, in order */
  readonly calls: AppCall[];
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  /** Sends one operation over the page's bridge (as the app's link would) and returns main's reply. */
  send(type: 'query' | 'mutation', path: string, token: string | null, input?: unknown): Promise<IpcReply>;
}

export interface IpcReply {
  type: string;
  data?: { json?: unknown };
  error?: { json?: { message?: string; data?: { code?: string; httpStatus?: number } } };
}

export interface SignedInHarnessOptions {
  appDir: string;
  rendererDir: string;
  publishableKey: string;
  appInfo: { name: string; version: string };
  workDir: string;
  tag: string;
  /** Starts the app's backend once the renderer's origin is known; returns its URL */
  startBackend?: (setup: { origin: string; jwtKeyPem: string }) => Promise<string>;
}

export class SignedInHarness {
  private windows: AppWindow[] = [];
  private nextWindowId = 1;
  /** The URLs main built for the windows the app asked for (`windows.open`), in order */
  readonly requestedWindowUrls: string[] = [];

  private constructor(
    readonly main: SignedInMainModules,
    readonly standIn: FapiStandIn,
    readonly clock: TestClock,
    readonly origin: string,
    readonly tokens: WindowTokens,
    private readonly handler: IpcHandler,
    /** Errors main's handler reported (failing procedures, dropped messages) */
    readonly handlerErrors: string[],
    private readonly browser: Browser,
    private readonly stopServer: () => Promise<void>,
  ) {}

  static async open(options: SignedInHarnessOptions): Promise<SignedInHarness> {
    const main = await loadMainModules(options.appDir, options.workDir, options.tag);
    const host = main.publishableKey.frontendApiHostFromPublishableKey(options.publishableKey);
    const clock: TestClock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
    const standIn = await createFapiStandIn({
      host,
      appDir: options.appDir,
      now: () => clock.now(),
      applicationName: options.appInfo.name,
    });
    const csp = main.csp.buildContentSecurityPolicy({ frontendApiHost: host });
    const { server, origin } = await serveRenderer(options.rendererDir, main, csp);
    const stopServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
    try {
      if (options.startBackend) {
        if (!main.backend) throw new Error('the app has no src/kit/main/remote/backend.ts');
        main.backend.connectBackend({ backendUrl: await options.startBackend({ origin, jwtKeyPem: standIn.publicKeyPem }) });
      }
      const tokens = main.tokens.createWindowTokens();
      const handlerErrors: string[] = [];
      const handler = main.handler.registerTrpcIpc({
        router: main.router.appRouter,
        createContext: main.context.createContextFactory({ app: options.appInfo }),
        allowedOrigins: [origin],
        // As main/index.ts sets it up, with the JWKS fetched from the stand-in and the test's clock.
        verifier: (main.verifier.createSessionVerifier as (o: object) => unknown)({
          publishableKey: options.publishableKey,
          authorizedParties: [origin],
          fetch: jwksFetch(standIn),
          now: () => clock.now(),
        }),
        tokens,
        ...(main.forward ? { forward: { remote: main.forward.forwardToBackend } } : {}),
        onError: ({ error, path }) => handlerErrors.push(`${path ?? '?'}: ${error.message}`),
      } as Parameters<SignedInMainModules['handler']['registerTrpcIpc']>[0]) as IpcHandler;
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
      const harness = new SignedInHarness(main, standIn, clock, origin, tokens, handler, handlerErrors, browser, stopServer);
      // main's `windows.open` asks the window kit for a window; here the kit's URL is recorded, and
      // the test opens that URL as a window of its own.
      main.windows.setWindowOpener((route) => {
        harness.requestedWindowUrls.push(main.windowUrl.windowUrl(`${origin}/`, route));
        return { webContents: { id: 1000 + harness.requestedWindowUrls.length } };
      });
      return harness;
    } catch (error) {
      await stopServer();
      throw error;
    }
  }

  /**
   * A window (browser context) whose client is signed in as `user`, loaded and showing the app at
   * `url` (default: the app's `/`; e.g. one of `requestedWindowUrls`). `session`: its organization
   * to start in, or a choose-organization task left (`pending`).
   */
  async openWindow(
    user: StandInUser,
    url = routeUrl(this.origin),
    session: Parameters<FapiStandIn['signIn']>[1] = {},
  ): Promise<AppWindow> {
    if (new URL(url).origin !== this.origin) throw new Error(`not a URL of the app: ${url}`);
    const windowId = this.nextWindowId++;
    const { clientToken, sessionId } = this.standIn.signIn(user, session);
    const context = await this.browser.newContext({ viewport: { width: 1100, height: 760 } });
    await routeToStandIn(context, this.standIn);
    // As main's navigation rules do (src/main/security/navigation.ts), the window never leaves the
    // app: e.g. Clerk's move to the hosted sign-in page after a sign-out goes nowhere (a 204 keeps
    // the page as it is).
    await context.route(
      (url) => url.origin !== this.origin,
      (route) =>
        route.request().isNavigationRequest() && route.request().frame().parentFrame() === null
          ? route.fulfill({ status: 204 })
          : route.fallback(),
    );
    const page = await context.newPage();
    // Playwright's clock, running at real pace from now; the test moves it with advanceClock().
    await page.clock.install({ time: this.clock.now() });
    const calls: AppCall[] = [];
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const names = { global: this.main.protocol.IPC_BRIDGE_GLOBAL, sendBinding: '__e2eIpcSend', deliverName: '__e2eIpcDeliver' };
    const frame = {
      origin: this.origin,
      send: (_channel: string, message: unknown) => {
        void page.evaluate(`window[${JSON.stringify(names.deliverName)}](${JSON.stringify(message)})`).catch(() => {});
      },
    };
    await page.exposeBinding(
      names.sendBinding,
      (_source, message: { type?: string; path?: string; id?: string; token?: string | null }) => {
        if (message?.path && !String(message.id).startsWith('e2e-'))
          calls.push({ type: String(message.type), path: message.path, token: message.token ?? null });
        this.handler.receive({ sender: { id: windowId }, senderFrame: frame }, message);
      },
    );
    await page.addInitScript({ content: preloadScript(names, clientToken) });
    await page.goto(url, { waitUntil: 'load' });
    // As src/kit/ipc/main/handler.ts does on 'did-navigate': a new document (e.g. the reload
    // after signing out) replaces the old one, and main forgets the window's calls and token.
    page.on('domcontentloaded', () => this.handler.documentReplaced(windowId));

    const window: AppWindow = {
      windowId,
      user,
      sessionId,
      page,
      context,
      calls,
      consoleErrors,
      pageErrors,
      send: (type, path, token, input) => sendOperation(page, names.global, { type, path, token, input }),
    };
    this.windows.push(window);
    return window;
  }

  /** Closes a window the test no longer needs. */
  async closeWindow(window: AppWindow): Promise<void> {
    this.windows = this.windows.filter((open) => open !== window);
    await window.context.close();
  }

  /** Moves time forward by `ms` for the pages (Playwright's clock), the stand-in and main's verifier. */
  async advanceClock(ms: number): Promise<void> {
    this.clock.offsetMs += ms;
    for (const window of this.windows) await window.page.clock.fastForward(ms);
  }

  async close(): Promise<void> {
    this.main.windows.setWindowOpener(null);
    this.handler.dispose();
    await this.browser.close().catch(() => {});
    await this.stopServer();
  }
}

/** main's JWKS fetch, answered by the stand-in (the `.invalid` host has no DNS). */
function jwksFetch(standIn: FapiStandIn): typeof fetch {
  return async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const response = await standIn.handle({ method: 'GET', url, headers: {} });
    return new Response(typeof response.body === 'string' ? response.body : new Uint8Array(response.body), {
      status: response.status,
      headers: response.headers,
    });
  };
}

async function sendOperation(
  page: Page,
  global: string,
  op: { type: string; path: string; token: string | null; input?: unknown },
): Promise<IpcReply> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const bridge = window[${JSON.stringify(global)}];
    const id = 'e2e-' + Math.random().toString(36).slice(2);
    const timer = setTimeout(() => reject(new Error('no reply to ${op.path} within ${UI_WAIT_MS / 1000} s')), ${UI_WAIT_MS});
    const off = bridge.onMessage((message) => {
      if (message.id !== id) return;
      clearTimeout(timer);
      off();
      resolve(message);
    });
    bridge.send({ type: ${JSON.stringify(op.type)}, path: ${JSON.stringify(op.path)}, token: ${JSON.stringify(op.token)}, id, input: { json: ${op.input === undefined ? 'undefined' : JSON.stringify(op.input)} } });
  })`);
}

// ─── what the checks look at ─────────────────────────────────────────────────────────────────────

/** How long a check waits for the UI or a reply: generous, so a loaded machine is slow, not failing. */
export const UI_WAIT_MS = 30_000;

/** Clerk's UI marks its elements with stable `cl-*` class names (its appearance API). */
export const CLERK_SELECTORS = {
  userButton: '.cl-userButtonTrigger',
  organizationSwitcher: '.cl-organizationSwitcherTrigger',
  organizationChoice: '.cl-organizationSwitcherPreviewButton',
  taskChoice: '.cl-taskChooseOrganizationPreviewButton',
  signOut: '.cl-userButtonPopoverActionButton__signOut',
  signIn: '.cl-signIn-root',
} as const;

/** Waits until the window shows the signed-in app: Clerk's user button and main's `me` answer. */
export async function waitForSignedIn(window: AppWindow, options: { backend: boolean; timeoutMs?: number }): Promise<string> {
  const timeout = options.timeoutMs ?? UI_WAIT_MS;
  await window.page.locator(CLERK_SELECTORS.userButton).waitFor({ state: 'visible', timeout });
  // `me` from main, and with a backend `remote.me` too: the user's id shows up once per answer.
  const times = options.backend ? 2 : 1;
  await window.page.waitForFunction(
    ([id, n]) => document.body.innerText.split(id as string).length - 1 >= (n as number),
    [window.user.id, times] as const,
    { timeout },
  );
  return window.page.innerText('body');
}

/** Waits until the page shows the screen whose root element carries `data-screen="<name>"`. */
export async function waitForScreen(page: Page, name: string, timeout = UI_WAIT_MS): Promise<void> {
  await page.locator(`[data-screen="${name}"]`).waitFor({ state: 'visible', timeout });
}

/** Goes to `route` of the app in the same page, as a link of the app's nav would (`#/notes`). */
export async function goToRoute(page: Page, route: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(`#${route}`)}`);
}

/** Adds a note through the app's own form on its Notes screen (main → backend) and waits until the list shows it. */
export async function addNoteThroughUi(window: AppWindow, text: string): Promise<void> {
  const page = window.page;
  await goToRoute(page, '/notes');
  await waitForScreen(page, 'notes');
  await page.getByPlaceholder('A note').fill(text);
  await page.getByRole('button', { name: 'Add' }).click();
  await page.getByText(text, { exact: false }).waitFor({ timeout: UI_WAIT_MS });
}

/** The session token clerk-js has for the page now (what the app's link awaits before each call). */
export function clerkSessionToken(window: AppWindow): Promise<string | null> {
  return window.page.evaluate(`(async () => (await window.Clerk?.session?.getToken()) ?? null)()`) as Promise<string | null>;
}

/** Signs out through Clerk's user button menu and waits for the sign-in screen. */
export async function signOutThroughUserButton(window: AppWindow): Promise<void> {
  const page = window.page;
  await page.locator(CLERK_SELECTORS.userButton).click();
  await page.locator(CLERK_SELECTORS.signOut).click();
  await page.locator(CLERK_SELECTORS.signIn).waitFor({ state: 'visible', timeout: UI_WAIT_MS });
}

/** Picks `name` in Clerk's organization switcher and waits until the switcher shows it as the active one. */
export async function switchOrganizationThroughSwitcher(window: AppWindow, name: string): Promise<void> {
  const trigger = window.page.locator(CLERK_SELECTORS.organizationSwitcher);
  await trigger.click();
  await window.page.locator(CLERK_SELECTORS.organizationChoice).filter({ hasText: name }).click();
  await window.page.waitForFunction(
    ([selector, wanted]) => document.querySelector(selector as string)?.textContent?.includes(wanted as string) ?? false,
    [CLERK_SELECTORS.organizationSwitcher, name] as const,
    { timeout: UI_WAIT_MS },
  );
}

/** The page is back from a long absence: it becomes visible and focused again. */
export async function returnToWindow(window: AppWindow): Promise<void> {
  await window.page.evaluate(`(() => {
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('focus'));
  })()`);
}

/** The tRPC error code in an IPC reply, or null for a result. */
export function replyErrorCode(reply: IpcReply): string | null {
  return reply.type === 'error' ? (reply.error?.json?.data?.code ?? 'UNKNOWN') : null;
}

/** The `me`-shaped answer in an IPC reply. */
export function replyJson<T>(reply: IpcReply): T | undefined {
  return reply.type === 'result' ? (reply.data?.json as T) : undefined;
}

/** Screenshot of the signed-in window (finite animations completed first). */
export async function screenshotSignedIn(window: AppWindow, path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await window.page.screenshot({ path, animations: 'disabled' });
}

/** The two users of the checks. */
export const ALICE: StandInUser = {
  id: 'user_2alice0standin',
  firstName: 'Alice',
  lastName: 'Example',
  email: 'alice@example.com',
};
export const BOB: StandInUser = { id: 'user_2bob00standin', firstName: 'Bob', lastName: 'Example', email: 'bob@example.com' };

const notesIn = (id: string, name: string, role: string, permissions: string[]): StandInMembership => ({
  organization: { id, name, slug: name.toLowerCase() },
  role,
  permissions,
});
/** Carol can write notes in Acme (admin) and only read them in Globex (member). */
export const ACME = notesIn('org_2acme0standin', 'Acme', 'org:admin', ['org:notes:read', 'org:notes:write']);
export const GLOBEX = notesIn('org_2globex0standin', 'Globex', 'org:member', ['org:notes:read']);
export const CAROL: StandInUser = {
  id: 'user_2carol0standin',
  firstName: 'Carol',
  lastName: 'Example',
  email: 'carol@example.com',
  memberships: [ACME, GLOBEX],
};

/** The README's picture of the organization switcher (docs/screenshots/), from this preset's window. */
export const ORGANIZATION_SCREENSHOT = { preset: 'react-cloudflare', file: 'organization-switcher.png' } as const;

/** Which preset's signed-in window becomes the README's screenshot of each framework (docs/screenshots/). */
export const SIGNED_IN_SCREENSHOTS: Readonly<Record<string, string>> = {
  'react-cloudflare': 'signed-in-react.png',
  'vue-none': 'signed-in-vue.png',
  'vanilla-none': 'signed-in-vanilla.png',
};

/** `METHOD path ×count` of the Frontend API requests, UI bundle files counted as one. */
export function summarizeRequests(requests: readonly { method: string; path: string }[]): string {
  const counts = new Map<string, number>();
  for (const { method, path } of requests) {
    const key = `${method} ${path.startsWith('/npm/') ? '/npm/@clerk/ui@…/dist/*' : path.replace(/\/sess_[\w]+\//, '/:session/').replace(/\/standin\/.*/, '/standin/:user')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `${key} ×${count}`).join(', ');
}

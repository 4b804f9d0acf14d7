/**
 * The built app (`package.json#main`, from the folder `test:e2e` runs in) in a real Electron window, its renderer
 * served from the app's own scheme: isolation, CSP, the setup screen, one IPC round trip; then `me` for a test user
 * signed in with a sign-in token from Clerk's Backend API (`ticket` strategy).
 */
import { _electron as electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import type { MainMessage, OperationMessage } from '../src/kit/ipc/protocol';
import { HAS_BACKEND, RENDERER_ORIGIN } from './app-config';

const env = process.env;
const hasPublishableKey = Boolean(env.VITE_CLERK_PUBLISHABLE_KEY?.trim());
// Without the dev server's URL: main would load http://localhost:5173 instead of the built renderer.
const { ELECTRON_RENDERER_URL: _devServer, ...appEnv } = env;

const test = base.extend<{ electronApp: ElectronApplication; appWindow: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test asks for from this pattern
  electronApp: async ({}, use) => {
    const app = await electron.launch({ args: [process.cwd()], env: appEnv as Record<string, string> });
    await use(app); // returns once the test is over, passed or failed
    await app.close();
  },
  appWindow: async ({ electronApp }, use) => {
    const page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
});

/** Calls a procedure as the app's tRPC link does (`token` null: signed out); plain values travel as `{ json: value }`. */
function callOverIpc(page: Page, path: string, token: string | null = null): Promise<MainMessage> {
  return page.evaluate(
    ({ path, token }) =>
      new Promise<MainMessage>((resolve) => {
        const id = `e2e-${Math.random().toString(36).slice(2)}`;
        const stop = window.appTrpc.onMessage((message) => {
          if ('id' in message && message.id === id && (message.type === 'result' || message.type === 'error')) {
            stop();
            resolve(message);
          }
        });
        window.appTrpc.send({ type: 'query', id, path, input: { json: undefined }, token } satisfies OperationMessage);
      }),
    { path, token },
  );
}

test('the window opens on the app scheme', async ({ appWindow }) => {
  expect(appWindow.url().startsWith(`${RENDERER_ORIGIN}/`)).toBe(true);
});

test('the renderer has no Node.js and window.appTrpc exposes exactly its two functions', async ({ appWindow }) => {
  const shape = await appWindow.evaluate(() => ({
    node: [typeof Reflect.get(globalThis, 'require'), typeof Reflect.get(globalThis, 'process')],
    bridge: Object.entries(window.appTrpc).map(([name, value]) => `${name}: ${typeof value}`),
  }));
  expect(shape.node).toEqual(['undefined', 'undefined']);
  expect(shape.bridge.sort()).toEqual(['onMessage: function', 'send: function']);
});

test('the Content-Security-Policy header is in force', async ({ appWindow }) => {
  const result = await appWindow.evaluate(async () => {
    const header = (await fetch(location.href)).headers.get('content-security-policy');
    // An inline script must not run (script-src has no 'unsafe-inline' in a built app).
    const violation = new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true });
      setTimeout(() => resolve('no violation reported'), 5_000);
    });
    const script = document.createElement('script');
    script.textContent = 'window.__inlineScriptRan = true';
    document.body.append(script);
    return { header, blocked: await violation, ran: Reflect.get(window, '__inlineScriptRan') === true };
  });
  expect(result.header).toContain("script-src 'self'");
  expect(result.header).toContain("object-src 'none'");
  expect(result.blocked).toMatch(/^script-src/);
  expect(result.ran).toBe(false);
});

test('without a publishable key, the setup screen explains how to get one', async ({ appWindow }) => {
  test.skip(hasPublishableKey, 'VITE_CLERK_PUBLISHABLE_KEY is set: the app shows Clerk instead');
  await expect(appWindow.getByText(/only the publishable key belongs in this app/i)).toBeVisible();
});

test('an IPC round trip: app.info answers through main', async ({ appWindow, electronApp }) => {
  const version = await electronApp.evaluate(({ app }) => app.getVersion());
  expect(await callOverIpc(appWindow, 'app.info')).toMatchObject({ type: 'result', data: { json: { version } } });
});

test('a protected procedure refuses a call without a token', async ({ appWindow }) => {
  const answer = await callOverIpc(appWindow, 'me');
  expect(answer).toMatchObject({ type: 'error', error: { json: { data: { code: 'UNAUTHORIZED' } } } });
});

const secretKey = env.CLERK_SECRET_KEY?.trim() ?? '';
const email = env.E2E_CLERK_USER_EMAIL?.trim() || undefined;
const configured = secretKey.startsWith('sk_test_') && hasPublishableKey && !!(env.E2E_CLERK_USER_ID?.trim() || email);

async function backendApi<T>(path: string, body?: object): Promise<T> {
  const response = await fetch(`https://api.clerk.com/v1${path}`, {
    method: body ? 'POST' : 'GET',
    body: body && JSON.stringify(body),
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
  });
  if (!response.ok) throw new Error(`Clerk Backend API ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The few members of clerk-js used here (it is the page's `window.Clerk` in every framework). */
interface ClerkInPage {
  loaded: boolean;
  client: { signIn: { create(params: { strategy: 'ticket'; ticket: string }): Promise<{ createdSessionId: string | null }> } };
  session: { getToken(): Promise<string | null> } | null;
  setActive(params: { session: string | null }): Promise<void>;
  signOut(): Promise<void>;
}
type InPage = typeof globalThis & { Clerk: ClerkInPage };

/** Signs the test user in inside the window; answers the user id. */
async function signInWithTicket(page: Page): Promise<string> {
  const lookUp = () => backendApi<{ id: string }[]>(`/users?email_address=${encodeURIComponent(email ?? '')}`);
  const id = env.E2E_CLERK_USER_ID?.trim() || (await lookUp())[0]?.id;
  if (!id) throw new Error(`No Clerk user with the email address ${email}`);
  const { token } = await backendApi<{ token: string }>('/sign_in_tokens', { user_id: id, expires_in_seconds: 120 });
  await page.waitForFunction(() => (globalThis as Partial<InPage>).Clerk?.loaded === true);
  await page.evaluate(async (ticket) => {
    const clerk = (globalThis as InPage).Clerk;
    const signIn = await clerk.client.signIn.create({ strategy: 'ticket', ticket });
    await clerk.setActive({ session: signIn.createdSessionId });
  }, token);
  return id;
}

test.describe('signed in', () => {
  test.skip(!configured, 'set CLERK_SECRET_KEY (sk_test_…), VITE_CLERK_PUBLISHABLE_KEY and E2E_CLERK_USER_ID or _EMAIL');

  for (const path of ['me', 'remote.me']) {
    test(`${path} answers the signed-in user`, async ({ appWindow }) => {
      if (path === 'remote.me') {
        test.skip(!HAS_BACKEND, 'this app has no backend');
        test.skip(!env.E2E_BACKEND_RUNNING, 'start the backend first (dev:backend) and set E2E_BACKEND_RUNNING=1');
      }
      const userId = await signInWithTicket(appWindow);
      try {
        const token = await appWindow.evaluate(() => (globalThis as InPage).Clerk.session?.getToken() ?? null);
        expect(await callOverIpc(appWindow, path, token)).toMatchObject({ type: 'result', data: { json: { userId } } });
      } finally {
        await appWindow.evaluate(() => (globalThis as InPage).Clerk.signOut());
      }
    });
  }
});

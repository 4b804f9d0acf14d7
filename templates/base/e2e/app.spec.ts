/**
 * The built app in a real Electron window, without signing in: scheme, isolation, CSP, the setup
 * screen and one IPC round trip. (test/ proves the same pieces offline against fakes.)
 */
import { RENDERER_ORIGIN } from './app-config';
import { callOverIpc, expect, test } from './fixtures';

const hasPublishableKey = Boolean(process.env.VITE_CLERK_PUBLISHABLE_KEY?.trim());

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
  const answer = await callOverIpc(appWindow, 'app.info');
  expect(answer).toMatchObject({ type: 'result', data: { json: { version } } });
});

test('a protected procedure refuses a call without a token', async ({ appWindow }) => {
  const answer = await callOverIpc(appWindow, 'me');
  expect(answer).toMatchObject({ type: 'error', error: { json: { data: { code: 'UNAUTHORIZED' } } } });
});

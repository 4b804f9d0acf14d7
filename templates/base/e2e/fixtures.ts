/**
 * Launches the built app (`package.json#main`) in Electron through Playwright, its renderer served
 * from the app's own scheme, not the dev server; waits for its window, closes it after the test.
 */
import { _electron as electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import type { MainMessage, OperationMessage } from '../src/kit/ipc/protocol';

/** The app's folder: `test:e2e` runs Playwright there (package.json's scripts run at the root). */
export const APP_ROOT = process.cwd();

// Without the dev server's URL: main would load http://localhost:5173 instead of the built renderer.
const { ELECTRON_RENDERER_URL: _devServer, ...environment } = process.env;

export const test = base.extend<{ electronApp: ElectronApplication; appWindow: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test asks for from this pattern
  electronApp: async ({}, use) => {
    const app = await electron.launch({ args: [APP_ROOT], cwd: APP_ROOT, env: environment as Record<string, string> });
    try {
      await use(app);
    } finally {
      await app.close();
    }
  },
  /** The app's first window (`appWindow`: inside `evaluate`, `window` is the page's own global). */
  appWindow: async ({ electronApp }, use) => {
    const page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
});

export { expect } from '@playwright/test';

/**
 * Calls a procedure the way the app's tRPC link does: one message over `window.appTrpc`, answered
 * by main on the same frame. `token` is the Clerk session token sent along (null: signed out).
 * Inputs and outputs are superjson-encoded; plain values travel as `{ json: value }`.
 */
export async function callOverIpc(page: Page, path: string, token: string | null = null): Promise<MainMessage> {
  return page.evaluate(
    ({ path, token }) =>
      new Promise<MainMessage>((resolvePromise) => {
        const id = `e2e-${Math.random().toString(36).slice(2)}`;
        const stop = window.appTrpc.onMessage((message) => {
          if ('id' in message && message.id === id && (message.type === 'result' || message.type === 'error')) {
            stop();
            resolvePromise(message);
          }
        });
        window.appTrpc.send({ type: 'query', id, path, input: { json: undefined }, token } satisfies OperationMessage);
      }),
    { path, token },
  );
}

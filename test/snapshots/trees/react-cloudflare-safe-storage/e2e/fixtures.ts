/**
 * Launches the built app (`package.json#main`, from the folder `test:e2e` runs in) in Electron through
 * Playwright, its renderer served from the app's own scheme; `appWindow` is its first window.
 */
import { _electron as electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import type { MainMessage, OperationMessage } from '../src/kit/ipc/protocol';

// Without the dev server's URL: main would load http://localhost:5173 instead of the built renderer.
const { ELECTRON_RENDERER_URL: _devServer, ...env } = process.env;

export const test = base.extend<{ electronApp: ElectronApplication; appWindow: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test asks for from this pattern
  electronApp: async ({}, use) => {
    const app = await electron.launch({ args: [process.cwd()], env: env as Record<string, string> });
    await use(app); // returns once the test is over, passed or failed
    await app.close();
  },
  appWindow: async ({ electronApp }, use) => {
    const page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
});

export { expect } from '@playwright/test';

/**
 * Calls a procedure as the app's tRPC link does: one message over `window.appTrpc` with `token` (null:
 * signed out), answered by main. Values are superjson-encoded: plain ones travel as `{ json: value }`.
 */
export function callOverIpc(page: Page, path: string, token: string | null = null): Promise<MainMessage> {
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

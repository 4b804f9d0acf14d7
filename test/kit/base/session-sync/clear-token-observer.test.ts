/**
 * main learns of a sign-out from the real @clerk/electron bridge: its `clerk:token-cache:clear`
 * handler, registered on a fake ipcMain inside the app's origin check with its `onHandled`, the way
 * src/kit/main/app.ts registers it.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../helpers/clerk-electron-host')).electronForClerk);
const { clerkIpc: fake } = await import('../helpers/clerk-electron-host');

const { createClerkBridge } = await import('@clerk/electron');
const { withOriginCheckedHandlers } = await import('../../src/kit/main/security/enforce');
const { CLERK_CLEAR_TOKEN_CHANNEL } = await import('../../src/kit/main/session-sync');

function eventFrom(url: string, windowId: number) {
  const mainFrame = { url, origin: new URL(url).origin };
  return { sender: { id: windowId, getType: () => 'window', mainFrame }, senderFrame: mainFrame };
}

describe("Clerk's clearToken, observed", () => {
  it('tells main once Clerk really cleared the client token, from an app page only', async () => {
    const items = new Map([['__clerk_client_jwt', 'client-token']]);
    const storage = {
      getItem: async (key: string) => items.get(key) ?? null,
      setItem: async (key: string, value: string) => void items.set(key, value),
      removeItem: async (key: string) => void items.delete(key),
    };
    const observed: Array<[string, number | undefined]> = [];
    const { result: bridge } = withOriginCheckedHandlers(
      fake.ipcMain,
      ['my-app://renderer'],
      () => createClerkBridge({ storage, renderer: { scheme: 'my-app', host: 'renderer' } }),
      { log: () => {}, onHandled: (channel, event) => void observed.push([channel, event.sender?.id]) },
    );
    expect(fake.handlers.has(CLERK_CLEAR_TOKEN_CHANNEL)).toBe(true);
    const clear = fake.handlers.get(CLERK_CLEAR_TOKEN_CHANNEL)!;

    await expect(
      Promise.resolve().then(() => clear(eventFrom('https://evil.example/', 7), '__clerk_client_jwt')),
    ).rejects.toThrow();
    expect(items.has('__clerk_client_jwt')).toBe(true);
    expect(observed).toEqual([]);

    await clear(eventFrom('my-app://renderer/', 3), '__clerk_client_jwt');
    expect(items.has('__clerk_client_jwt')).toBe(false);
    expect(observed).toEqual([[CLERK_CLEAR_TOKEN_CHANNEL, 3]]);
    bridge.cleanup();
  });
});

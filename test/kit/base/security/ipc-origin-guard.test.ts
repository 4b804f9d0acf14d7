/**
 * Clerk's own IPC handlers behind the app's origin check, tested against the installed
 * @clerk/electron: its real createClerkBridge registers its handlers on a fake ipcMain.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../helpers/clerk-electron-host')).electronForClerk);
const { clerkIpc: fake } = await import('../helpers/clerk-electron-host');

const { createClerkBridge } = await import('@clerk/electron');
const { withOriginCheckedHandlers, isAllowedInvokeSender, DisallowedSenderError } =
  await import('../../src/kit/main/security/enforce');

const APP_ORIGINS = ['my-app://renderer'];

/** An invoke event from the main frame of a window showing `url`, as Clerk's own check wants it. */
function eventFrom(url: string) {
  const mainFrame = { url, origin: new URL(url).origin };
  return { sender: { getType: () => 'window', mainFrame }, senderFrame: mainFrame };
}

function createStorage() {
  const items = new Map<string, string>([['__clerk_client_jwt', 'long-lived-client-token']]);
  return {
    items,
    getItem: async (key: string) => items.get(key) ?? null,
    setItem: async (key: string, value: string) => void items.set(key, value),
    removeItem: async (key: string) => void items.delete(key),
  };
}

beforeEach(() => {
  fake.handlers.clear();
});

describe("Clerk's IPC handlers behind the origin check", () => {
  function registerBridge(storage = createStorage()) {
    const logs: string[] = [];
    const { result, channels } = withOriginCheckedHandlers(
      fake.ipcMain,
      APP_ORIGINS,
      () => createClerkBridge({ storage, renderer: { scheme: 'my-app', host: 'renderer' } }),
      { log: (line) => logs.push(line) },
    );
    return { bridge: result, channels, storage, logs };
  }

  it("wraps every channel Clerk registers: the client token's and OAuth's", () => {
    const { channels } = registerBridge();
    expect(channels.some((channel) => channel.includes('token-cache'))).toBe(true);
    expect(channels.some((channel) => channel.includes('oauth'))).toBe(true);
    expect([...fake.handlers.keys()].sort()).toEqual([...channels].sort());
  });

  it('refuses a main frame on another origin before Clerk runs (no client token leaves main)', async () => {
    const { channels, storage, logs } = registerBridge();
    const getToken = fake.handlers.get(channels.find((channel) => channel.endsWith('get')) ?? '')!;
    const clear = fake.handlers.get(channels.find((channel) => channel.endsWith('clear')) ?? '')!;
    expect(() => getToken(eventFrom('https://evil.example/'), '__clerk_client_jwt')).toThrow(DisallowedSenderError);
    expect(() => clear(eventFrom('https://evil.example/'), '__clerk_client_jwt')).toThrow(DisallowedSenderError);
    expect(storage.items.get('__clerk_client_jwt')).toBe('long-lived-client-token');
    expect(logs.join('\n')).toContain('https://evil.example');
    expect(logs.join('\n')).not.toContain('long-lived');
  });

  it("answers the app's own page as before", async () => {
    const { channels } = registerBridge();
    const getToken = fake.handlers.get(channels.find((channel) => channel.endsWith('get')) ?? '')!;
    await expect(getToken(eventFrom('my-app://renderer/index.html'), '__clerk_client_jwt')).resolves.toBe(
      'long-lived-client-token',
    );
  });

  it('leaves ipcMain.handle as it was once the bridge is registered', () => {
    const before = fake.ipcMain.handle;
    registerBridge();
    expect(fake.ipcMain.handle).toBe(before);
    fake.ipcMain.handle('later', () => 'unchecked by us');
    expect(fake.handlers.get('later')!(eventFrom('https://elsewhere.example/'))).toBe('unchecked by us');
  });
});

describe('isAllowedInvokeSender', () => {
  it.each([
    ['my-app://renderer/', true],
    ['my-app://renderer/deep/page?x=1', true],
    ['https://evil.example/', false],
    ['my-app://renderer.evil/', false],
    ['about:blank', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedInvokeSender({ senderFrame: { url } }, APP_ORIGINS)).toBe(allowed);
  });

  it('refuses a frame that is gone', () => {
    expect(isAllowedInvokeSender({ senderFrame: null }, APP_ORIGINS)).toBe(false);
  });
});

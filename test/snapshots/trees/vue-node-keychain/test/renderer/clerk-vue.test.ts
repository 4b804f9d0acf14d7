/**
 * lib/clerk-vue.ts counts on @clerk/vue's `clerkPlugin` to use the native Clerk instance placed on
 * `window.Clerk` instead of downloading clerk-js, and to pass our options on to its `load()`.
 * These tests run the real plugin (Vue's app API only, no DOM), so an upgrade that changes either
 * fails here.
 */
import type { Clerk } from '@clerk/clerk-js';
import { useAuth, useClerk } from '@clerk/vue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from 'vue';

import { nativeNavigate } from '../../src/renderer/src/lib/clerk-native';
import { installNativeClerk } from '../../src/renderer/src/lib/clerk-vue';

const PUBLISHABLE_KEY = `pk_test_${btoa('example.clerk.accounts.dev$')}`;

class FakeClerkUI {}

/** What nativeLoadOptions() gives, without fetching Clerk's UI (there is no network or DOM here). */
function nativeOptions(): NonNullable<Parameters<typeof installNativeClerk>[3]> {
  return {
    standardBrowser: false,
    routerPush: nativeNavigate,
    routerReplace: nativeNavigate,
    allowedRedirectProtocols: ['my-app:'],
    __internal_oauthTransport: { getRedirectUrl: async () => 'my-app://callback', open: async () => ({ callbackUrl: '' }) },
    ui: { ClerkUI: Promise.resolve(FakeClerkUI as never) },
  };
}

/** The parts of a clerk-js instance the plugin touches, with `load` recorded. */
function fakeClerk() {
  const listeners: ((resources: object) => void)[] = [];
  const clerk = {
    status: 'loading',
    loaded: false,
    load: vi.fn(async (_options: object) => {
      clerk.loaded = true;
    }),
    addListener: vi.fn((listener: (resources: object) => void) => {
      listeners.push(listener);
      return () => {};
    }),
    on: vi.fn(),
    emit: (resources: object) => listeners.forEach((listener) => listener(resources)),
  };
  return clerk;
}

/** Lets the plugin's asynchronous start-up (script check, then `load()`) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('installNativeClerk with @clerk/vue', () => {
  it('loads the native instance with the native options and downloads no clerk-js', async () => {
    // Only a window: any attempt to inject a <script> (no `document` here) would fail the plugin.
    vi.stubGlobal('window', {});
    const consoleError = vi.spyOn(console, 'error');
    const clerk = fakeClerk();
    const app = createApp({ render: () => null });

    const options = nativeOptions();
    installNativeClerk(app, PUBLISHABLE_KEY, clerk as unknown as Clerk, options);
    await settle();

    expect(consoleError).not.toHaveBeenCalled();
    expect(clerk.load).toHaveBeenCalledTimes(1);
    const loaded = clerk.load.mock.calls[0]![0] as Record<string, unknown> & { ui: { ClerkUI: unknown } };
    expect(loaded).toMatchObject({
      publishableKey: PUBLISHABLE_KEY,
      standardBrowser: false,
      routerPush: nativeNavigate,
      routerReplace: nativeNavigate,
      allowedRedirectProtocols: ['my-app:'],
      __internal_oauthTransport: options.__internal_oauthTransport,
    });
    await expect(Promise.resolve(loaded.ui.ClerkUI)).resolves.toBe(FakeClerkUI);
  });

  it("gives @clerk/vue's composables the native instance and its state", async () => {
    vi.stubGlobal('window', {});
    const clerk = fakeClerk();
    const app = createApp({ render: () => null });
    installNativeClerk(app, PUBLISHABLE_KEY, clerk as unknown as Clerk, nativeOptions());
    await settle();

    const { instance, auth } = app.runWithContext(() => ({ instance: useClerk(), auth: useAuth() }));
    expect(instance.value).toBe(clerk);

    // What clerk-js emits to its listeners: signed out, then signed in.
    clerk.emit({ client: {}, session: null, user: null, organization: null });
    expect(auth.isLoaded.value).toBe(true);
    expect(auth.isSignedIn.value).toBe(false);

    const claims = { sub: 'user_1', sid: 'sess_1' };
    const session = { id: 'sess_1', status: 'active', lastActiveToken: { jwt: { claims } } };
    clerk.emit({ client: {}, session, user: { id: 'user_1' }, organization: null });
    expect(auth.isSignedIn.value).toBe(true);
    expect(auth.sessionId.value).toBe('sess_1');
    expect(auth.userId.value).toBe('user_1');
  });
});

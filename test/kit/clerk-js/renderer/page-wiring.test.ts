/**
 * Vue and vanilla tell the connection watcher about clerk-js (src/kit/renderer/page-wiring.ts):
 * connected only once Clerk loaded AND its UI arrived; a failed UI is an offline state with the
 * reason; a sign-out in another window reloads a page that shows a user. Browser globals are faked.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { MainMessage } from '../../src/kit/ipc/protocol';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

let reloads: number;
let deliver: (message: MainMessage) => void;

beforeEach(() => {
  vi.resetModules();
  reloads = 0;
  const listeners = new Map<string, Set<() => void>>();
  const storage = new Map<string, string>();
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
    removeItem: (key: string) => storage.delete(key),
  });
  vi.stubGlobal('window', {
    addEventListener: (name: string, listener: () => void) =>
      (listeners.get(name) ?? listeners.set(name, new Set()).get(name)!).add(listener),
    removeEventListener: (name: string, listener: () => void) => listeners.get(name)?.delete(listener),
    setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
    clearTimeout: (handle: number) => clearTimeout(handle),
    location: { reload: () => reloads++ },
    appTrpc: {
      send: () => {},
      onMessage: (listener: (message: MainMessage) => void) => ((deliver = listener), () => {}),
    },
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function fakeClerk(status: string, userId: string | null = null, orgId: string | null = null) {
  const handlers: Array<() => void> = [];
  return {
    status,
    loaded: false,
    user: userId === null ? null : { id: userId },
    organization: orgId === null ? null : { id: orgId },
    on: (_event: 'status', handler: () => void) => void handlers.push(handler),
    set(next: string) {
      this.status = next;
      this.loaded = next === 'ready' || next === 'degraded';
      handlers.forEach((handler) => handler());
    },
  };
}

describe('page wiring (clerk-js)', () => {
  it('is connected only once Clerk loaded and its UI arrived', async () => {
    const { wirePage } = await import('../../src/kit/renderer/page-wiring');
    const { pageConnection } = await import('../../src/kit/renderer/connection-watcher');
    const clerk = fakeClerk('loading');
    const ui = deferred<unknown>();
    wirePage(clerk as never, ui.promise);
    clerk.set('degraded'); // clerk-js finished without the Frontend API
    expect(pageConnection().get().phase).toBe('connecting');
    ui.resolve({});
    await ui.promise;
    await Promise.resolve();
    expect(pageConnection().get()).toEqual({ phase: 'ready', online: true });
    pageConnection().watcher.dispose();
  });

  it('a UI that cannot load is the offline state with what failed', async () => {
    const { wirePage } = await import('../../src/kit/renderer/page-wiring');
    const { pageConnection } = await import('../../src/kit/renderer/connection-watcher');
    const ui = deferred<unknown>();
    wirePage(fakeClerk('loading') as never, ui.promise);
    ui.reject(new Error('Failed to load Clerk UI\nmore'));
    await ui.promise.catch(() => {});
    await Promise.resolve();
    const state = pageConnection().get();
    expect(state.phase).toBe('unreachable');
    expect(state.phase === 'unreachable' && state.reason).toContain('Failed to load Clerk UI');
    pageConnection().watcher.dispose();
  });

  it('reloads when another window signed out, not when the user shown is the one signed in', async () => {
    const { wirePage } = await import('../../src/kit/renderer/page-wiring');
    const { pageConnection } = await import('../../src/kit/renderer/connection-watcher');
    const clerk = fakeClerk('loading', 'user_a');
    wirePage(clerk as never, Promise.resolve({}));
    deliver({ type: 'session', userId: null, orgId: null }); // Clerk still loading: it reads the shared token anyway
    expect(reloads).toBe(0);
    clerk.set('ready');
    deliver({ type: 'session', userId: 'user_a', orgId: null });
    expect(reloads).toBe(0);
    deliver({ type: 'session', userId: null, orgId: null });
    expect(reloads).toBe(1);
    pageConnection().watcher.dispose();
  });

  it('reloads when another window switched organization, not when it shows the same one', async () => {
    const { wirePage } = await import('../../src/kit/renderer/page-wiring');
    const { pageConnection } = await import('../../src/kit/renderer/connection-watcher');
    const clerk = fakeClerk('ready', 'user_a', 'org_a');
    clerk.set('ready');
    wirePage(clerk as never, Promise.resolve({}));
    deliver({ type: 'session', userId: 'user_a', orgId: 'org_a' });
    expect(reloads).toBe(0);
    deliver({ type: 'session', userId: 'user_a', orgId: 'org_b' });
    expect(reloads).toBe(1);
    deliver({ type: 'session', userId: 'user_a', orgId: null }); // personal account
    expect(reloads).toBe(2);
    pageConnection().watcher.dispose();
  });
});

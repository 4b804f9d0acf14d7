import { describe, expect, it } from 'vitest';

import {
  createConnectionWatcher,
  defaultBackoffMs,
  describeConnection,
  MAX_BACKOFF_MS,
  type ConnectionState,
} from '../../src/kit/renderer/connection-watcher';

/** A manual clock and network that count their live timers and listeners. */
function fakeWorld(online = true) {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const listeners = { online: new Set<() => void>(), offline: new Set<() => void>() };
  const world = {
    online,
    retries: [] as number[],
    states: [] as ConnectionState[],
    timers: () => timers.size,
    listeners: () => listeners.online.size + listeners.offline.size,
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now && timers.delete(id)) timer.callback();
      }
    },
    goOffline() {
      world.online = false;
      for (const listener of [...listeners.offline]) listener();
    },
    goOnline() {
      world.online = true;
      for (const listener of [...listeners.online]) listener();
    },
  };
  const options = {
    clock: {
      now: () => now,
      setTimeout: (callback: () => void, ms: number) => {
        timers.set(++nextId, { at: now + ms, callback });
        return nextId;
      },
      clearTimeout: (handle: unknown) => void timers.delete(handle as number),
    },
    network: {
      isOnline: () => world.online,
      on: (name: 'online' | 'offline', listener: () => void) => (
        listeners[name].add(listener),
        () => void listeners[name].delete(listener)
      ),
    },
    retry: (attempt: number) => void world.retries.push(attempt),
    onChange: (state: ConnectionState) => void world.states.push(state),
  };
  return { world, options };
}

describe('connection watcher', () => {
  it('shows the unreachable state after the bounded wait instead of connecting forever', () => {
    const { world, options } = fakeWorld();
    const watcher = createConnectionWatcher(options);
    expect(watcher.state).toEqual({ phase: 'connecting' });
    world.advance(9_999);
    expect(watcher.state.phase).toBe('connecting');
    world.advance(1);
    expect(watcher.state).toMatchObject({ phase: 'unreachable', attempt: 0, retryAt: 10_000 + 2_000 });
    expect(describeConnection(watcher.state)?.title).toBe('Cannot reach Clerk');
    expect(describeConnection(watcher.state)?.detail).toContain('did not answer within 10 s');
    watcher.dispose();
  });

  it('retries with a capped backoff and one timer at a time', () => {
    const { world, options } = fakeWorld();
    const watcher = createConnectionWatcher(options);
    watcher.failed('DNS lookup failed');
    expect(watcher.state).toMatchObject({ phase: 'unreachable', reason: 'DNS lookup failed' });
    expect(world.timers()).toBe(1);
    world.advance(2_000);
    expect(world.retries).toEqual([1]);
    expect(watcher.state.phase).toBe('connecting');
    expect(world.timers()).toBe(1); // the bounded wait of the new attempt only
    expect([1, 2, 3, 6, 7, 20].map(defaultBackoffMs)).toEqual([2_000, 4_000, 8_000, 60_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    watcher.dispose();
  });

  it('offline: no timer at all until the `online` event, which retries at once', () => {
    const { world, options } = fakeWorld(false);
    const watcher = createConnectionWatcher(options);
    world.advance(10_000);
    expect(watcher.state).toMatchObject({ phase: 'unreachable', retryAt: null });
    expect(watcher.state.phase === 'unreachable' && watcher.state.reason).toContain('offline');
    expect(world.timers()).toBe(0);
    world.advance(10 * MAX_BACKOFF_MS);
    expect(world.retries).toEqual([]);
    world.goOnline();
    expect(world.retries).toEqual([1]);
    expect(watcher.state.phase).toBe('connecting');
    watcher.loaded();
    expect(watcher.state).toEqual({ phase: 'ready', online: true });
    expect(world.timers()).toBe(0);
    watcher.dispose();
  });

  it('going offline while waiting to retry cancels the backoff timer', () => {
    const { world, options } = fakeWorld();
    const watcher = createConnectionWatcher(options);
    watcher.failed('Failed to fetch');
    expect(world.timers()).toBe(1);
    world.goOffline();
    expect(world.timers()).toBe(0);
    expect(watcher.state).toMatchObject({ phase: 'unreachable', retryAt: null });
    watcher.dispose();
  });

  it('ready and idle: no timers; going offline says so and keeps the user signed in', () => {
    const { world, options } = fakeWorld();
    const watcher = createConnectionWatcher({ ...options, attempt: 3 });
    watcher.loaded();
    expect(world.timers()).toBe(0);
    world.goOffline();
    expect(watcher.state).toEqual({ phase: 'ready', online: false });
    expect(describeConnection(watcher.state)?.title).toBe('You are offline');
    expect(describeConnection(watcher.state)?.detail).toContain('stay signed in');
    expect(world.timers()).toBe(0);
    world.goOnline();
    expect(watcher.state).toEqual({ phase: 'ready', online: true });
    expect(describeConnection(watcher.state)).toBeNull();
    expect(world.retries).toEqual([]); // nothing reloads a page that works
    watcher.dispose();
  });

  it('the user retry works, and dispose leaves no listener or timer', () => {
    const { world, options } = fakeWorld();
    const watcher = createConnectionWatcher({ ...options, attempt: 2 });
    expect(world.listeners()).toBe(2);
    watcher.failed('boom');
    watcher.retryNow();
    expect(world.retries).toEqual([3]);
    watcher.dispose();
    expect(world.listeners()).toBe(0);
    expect(world.timers()).toBe(0);
    world.advance(MAX_BACKOFF_MS);
    world.goOnline();
    expect(world.retries).toEqual([3]);
  });
});

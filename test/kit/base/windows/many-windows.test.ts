/**
 * Several windows at once over the real handler, glue, preload bridge and link (fake IPC pair):
 * each subscription is its own stream, answers never cross windows, and closing or reloading a
 * window in the middle of calls and streams leaves nothing behind in main (listeners, timers,
 * generators, watched windows), nor sends anything to a frame that is gone.
 */
import { EventEmitter } from 'node:events';

import { describe, expect, it } from 'vitest';

import { publicProcedure, router } from '../../src/kit/main/trpc/init';
import { IPC_REQUEST_CHANNEL, IPC_RESPONSE_CHANNEL, type MainMessage } from '../../src/kit/ipc/protocol';
import { createIpcBridge } from '../../src/kit/ipc/protocol';
import { createHarness } from '../helpers/harness';
import type { FakeWindow } from '../helpers/fake-ipc';

async function flushIpc(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Counts the timers created while it is installed that have neither fired nor been cleared (the
 * process-wide count would include the test runner's own timers).
 */
function trackTimers() {
  const live = new Set<unknown>();
  const { setTimeout: realSet, clearTimeout: realClear } = globalThis;
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = realSet(() => {
      live.delete(handle);
      callback(...args);
    }, ms);
    live.add(handle);
    return handle;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
    live.delete(handle);
    realClear(handle);
  }) as typeof clearTimeout;
  return {
    live: () => live.size,
    restore: () => Object.assign(globalThis, { setTimeout: realSet, clearTimeout: realClear }),
  };
}

function windowRouter() {
  const bus = new EventEmitter();
  const running = new Set<number>();
  const held: Array<() => void> = [];
  const appRouter = router({
    /** Every `tick` of the bus, tagged with the window that subscribed. */
    ticks: publicProcedure.subscription(async function* ({ ctx, signal }) {
      running.add(ctx.windowId);
      const queue: number[] = [];
      let wake: (() => void) | undefined;
      const onTick = (n: number): void => {
        queue.push(n);
        wake?.();
      };
      const onAbort = (): void => wake?.();
      bus.on('tick', onTick);
      signal?.addEventListener('abort', onAbort);
      try {
        while (!signal?.aborted) {
          while (queue.length > 0) yield { windowId: ctx.windowId, n: queue.shift()! };
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        bus.off('tick', onTick);
        signal?.removeEventListener('abort', onAbort);
        running.delete(ctx.windowId);
      }
    }),
    /** Answers with the caller's window once the test releases it. */
    slowWhoami: publicProcedure.query(
      ({ ctx, signal }) =>
        new Promise<number>((resolve) => {
          held.push(() => resolve(ctx.windowId));
          signal?.addEventListener('abort', () => resolve(-1), { once: true });
        }),
    ),
  });
  return { appRouter, bus, running, releaseAll: () => held.splice(0).forEach((release) => release()) };
}

/** Counts sends to each frame after it was detached (closed or navigated away). */
function watchLateSends(win: FakeWindow): () => number {
  let late = 0;
  const frame = win.frame;
  const send = frame.send.bind(frame);
  frame.send = (channel: string, ...args: unknown[]) => {
    if (frame.detached) late++;
    send(channel, ...args);
  };
  return () => late;
}

async function setup() {
  const { appRouter, ...rest } = windowRouter();
  const harness = await createHarness({ router: appRouter });
  return { harness, ...rest };
}

describe('many windows', () => {
  it('two and three windows subscribed to one procedure each get their own stream', async () => {
    const { harness, bus, running } = await setup();
    const windows = [0, 1, 2].map(() => harness.openWindow());
    const received = windows.map(() => [] as Array<{ windowId: number; n: number }>);
    const subscriptions = windows.map(({ client }, i) =>
      client.ticks.subscribe(undefined, { onData: (value) => received[i]!.push(value) }),
    );
    await flushIpc();
    expect(running.size).toBe(3);
    expect(bus.listenerCount('tick')).toBe(3);

    bus.emit('tick', 1);
    await flushIpc();
    windows.forEach(({ win }, i) => expect(received[i]).toEqual([{ windowId: win.webContents.id, n: 1 }]));

    subscriptions[0]!.unsubscribe(); // one window stops: the others go on
    await flushIpc();
    bus.emit('tick', 2);
    await flushIpc();
    expect(received.map((events) => events.length)).toEqual([1, 2, 2]);
    expect(bus.listenerCount('tick')).toBe(2);
    subscriptions.forEach((subscription) => subscription.unsubscribe());
    await flushIpc();
    expect(bus.listenerCount('tick')).toBe(0);
  });

  it('answers reach only the window that asked, even for the same operation id', async () => {
    const { harness, releaseAll } = await setup();
    const wins = [harness.electron.createWindow(), harness.electron.createWindow(), harness.electron.createWindow()];
    const inboxes = wins.map(() => [] as MainMessage[]);
    const bridges = wins.map((win, i) => {
      const bridge = createIpcBridge(win.ipcRenderer);
      bridge.onMessage((message) => inboxes[i]!.push(message));
      return bridge;
    });
    for (const bridge of bridges)
      bridge.send({ type: 'query', id: 'same-id', path: 'slowWhoami', input: undefined, token: null });
    await flushIpc();
    releaseAll();
    await flushIpc();
    wins.forEach((win, i) => {
      expect(inboxes[i]).toHaveLength(1);
      expect(inboxes[i]![0]).toMatchObject({ type: 'result', id: 'same-id', data: { json: win.webContents.id } });
    });
  });

  it('closing and reloading windows in the middle of calls and streams ends them in main at once, with nothing left', async () => {
    const { harness, bus, running, releaseAll } = await setup();
    const timers = trackTimers();
    const { registration, electron } = harness;
    const a = harness.openWindow();
    const b = harness.openWindow();
    const c = harness.openWindow();
    const lateSends = [a, b, c].map(({ win }) => watchLateSends(win));
    const events: number[][] = [[], [], []];
    [a, b, c].forEach(({ client }, i) => {
      client.ticks.subscribe(undefined, { onData: ({ n }) => events[i]!.push(n) });
      void client.slowWhoami.query().catch(() => {});
    });
    await flushIpc();
    expect([a, b, c].map(({ win }) => registration.inFlight(win.webContents.id))).toEqual([2, 2, 2]);
    expect(bus.listenerCount('tick')).toBe(3);
    expect(registration.watchedWindows()).toBe(3);

    a.win.destroy(); // closed mid-call and mid-stream
    b.win.navigate(); // reloaded mid-call and mid-stream
    // Ended in main at once: no waiting for a timeout or the next event.
    expect(registration.inFlight(a.win.webContents.id)).toBe(0);
    expect(registration.inFlight(b.win.webContents.id)).toBe(0);
    await flushIpc();
    expect(bus.listenerCount('tick')).toBe(1);
    expect([...running]).toEqual([c.win.webContents.id]);

    bus.emit('tick', 7);
    releaseAll();
    await flushIpc();
    expect(events).toEqual([[], [], [7]]);
    expect(lateSends.map((count) => count())).toEqual([0, 0, 0]);

    // The reloaded window's new page works and gets its own stream.
    const reloaded = harness.openPage(b.win);
    const afterReload: number[] = [];
    const stream = reloaded.client.ticks.subscribe(undefined, { onData: ({ n }) => afterReload.push(n) });
    await flushIpc();
    bus.emit('tick', 8);
    await flushIpc();
    expect(afterReload).toEqual([8]);
    expect(events[2]).toEqual([7, 8]);

    stream.unsubscribe();
    b.win.destroy();
    c.win.destroy();
    await flushIpc();
    expect(bus.listenerCount('tick')).toBe(0);
    expect(running.size).toBe(0);
    expect(registration.watchedWindows()).toBe(0);
    for (const { win } of [a, b, c]) {
      expect(win.webContents.listenerCount('destroyed') + win.webContents.listenerCount('did-navigate')).toBe(0);
      expect(win.rendererListenerCount(IPC_RESPONSE_CHANNEL)).toBe(0);
    }
    expect(electron.ipcMain.listenerCount(IPC_REQUEST_CHANNEL)).toBe(1);
    registration.dispose();
    expect(electron.ipcMain.listenerCount(IPC_REQUEST_CHANNEL)).toBe(0);
    timers.restore();
    expect(timers.live()).toBe(0);
  });
});

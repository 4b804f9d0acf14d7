/**
 * Two and three windows through the whole chain (renderer link → IPC → main → SSE and HTTP → the
 * real backend): each window's `remote.notes.changes` is its own stream to the backend; closing or
 * reloading a window in the middle of its calls and streams ends them in main and at the backend
 * at once, and afterwards nothing is left: no SSE connection, no batching link, no call in flight,
 * no watched window, no IPC listener.
 */
import { describe, expect, it } from 'vitest';

import { connectBackend } from '../../src/main/remote/backend';
import { appRouter, type AppRouter } from '../../src/main/trpc/router';
import { IPC_REQUEST_CHANNEL, IPC_RESPONSE_CHANNEL } from '../../src/ipc/protocol';
import { createHarness } from '../helpers/harness';
import { useLiveBackend } from '../helpers/live-backend';

const live = useLiveBackend();

/** SSE connections the backend accepted and that are still open, and `list` calls held until released. */
function observedFetch() {
  const open = new Set<AbortSignal>();
  const held: Array<() => void> = [];
  let holdLists = false;
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (new Headers(init?.headers).get('accept') === 'text/event-stream' && init?.signal) {
      const signal = init.signal;
      const response = await fetch(input, init);
      // Counted once the backend accepted it (a stream starts from the changes made after that).
      if (!signal.aborted) {
        open.add(signal);
        signal.addEventListener('abort', () => open.delete(signal), { once: true });
      }
      return response;
    }
    if (holdLists && url.includes('notes.list')) await new Promise<void>((resolve) => held.push(resolve));
    return fetch(input, init);
  };
  return {
    fetch: fetchImpl,
    openStreams: () => open.size,
    hold: (on: boolean) => (holdLists = on),
    heldCount: () => held.length,
    release: () => held.splice(0).forEach((release) => release()),
  };
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('many windows through the whole chain', () => {
  it('own streams per window; closes and reloads mid-call and mid-stream leave nothing behind', async () => {
    const observed = observedFetch();
    const clients = connectBackend({ backendUrl: live.backend.url, fetch: observed.fetch });
    const harness = await createHarness<AppRouter>({ router: appRouter, key: live.key });
    const token = await live.key.sign({ sub: 'user_many', sid: 'sess_many', expiresIn: 600 });
    const open = () => harness.openWindow({ getToken: async () => token });
    const windows = [open(), open(), open()];
    const received: string[][] = [[], [], []];
    const streams = windows.map(({ client }, i) =>
      client.remote.notes.changes.subscribe(undefined, {
        onData: (event) => {
          const change = event.data as { kind: string; note?: { text: string } };
          if (change.kind === 'added') received[i]!.push(change.note!.text);
        },
      }),
    );
    await until(() => observed.openStreams() === 3, 'three SSE connections, one per window');

    await windows[0]!.client.remote.notes.add.mutate({ text: 'for everyone' });
    await until(
      () => received.every((texts) => texts.includes('for everyone')),
      `each window to get the note on its own stream (${JSON.stringify(received)})`,
    );

    // Window 2 closes and window 3 reloads while each has a backend call and a stream running.
    observed.hold(true);
    const pending = [windows[1]!, windows[2]!].map(({ client }) =>
      client.remote.notes.list.query().catch((error: unknown) => error),
    );
    await until(() => observed.heldCount() === 2, 'both calls to reach the backend');
    const [, closing, reloading] = windows;
    closing!.win.destroy();
    reloading!.win.navigate();
    expect(harness.registration.inFlight(closing!.win.webContents.id)).toBe(0);
    expect(harness.registration.inFlight(reloading!.win.webContents.id)).toBe(0);
    await until(() => observed.openStreams() === 1, 'the two streams to end at the backend');
    observed.hold(false);
    observed.release();
    void pending;

    // The reloaded window's new page gets its own stream; the closed one gets nothing more.
    const page = harness.openPage(reloading!.win, { getToken: async () => token });
    const afterReload: string[] = [];
    const newStream = page.client.remote.notes.changes.subscribe(undefined, {
      onData: (event) => {
        const change = event.data as { kind: string; note?: { text: string } };
        if (change.kind === 'added') afterReload.push(change.note!.text);
      },
    });
    await until(() => observed.openStreams() === 2, "the reloaded page's stream");
    await windows[0]!.client.remote.notes.add.mutate({ text: 'after the reload' });
    await until(() => received[0]!.includes('after the reload') && afterReload.includes('after the reload'), 'the live windows');
    expect(received[1]).toEqual(['for everyone']); // closed: nothing after it went away
    expect(received[2]).toEqual(['for everyone']); // the old page of the reloaded window

    // Everything ends: back to zero everywhere.
    newStream.unsubscribe();
    streams.forEach((stream) => stream.unsubscribe());
    windows[0]!.win.destroy();
    reloading!.win.destroy();
    await until(() => observed.openStreams() === 0, 'no SSE connection left');
    await until(() => clients.windowsWithLinks().length === 0, 'no batching link left');
    expect(harness.registration.watchedWindows()).toBe(0);
    for (const { win } of windows) {
      expect(harness.registration.inFlight(win.webContents.id)).toBe(0);
      expect(win.rendererListenerCount(IPC_RESPONSE_CHANNEL)).toBe(0);
      expect(win.webContents.listenerCount('destroyed') + win.webContents.listenerCount('did-navigate')).toBe(0);
    }
    harness.registration.dispose();
    expect(harness.electron.ipcMain.listenerCount(IPC_REQUEST_CHANNEL)).toBe(0);
  }, 60_000);
});

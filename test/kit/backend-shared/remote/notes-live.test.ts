/**
 * Live notes through the whole chain, offline: renderer link → IPC → main's `remote.notes.changes`
 * → SSE (eventsource + Node's fetch, the window's token on each connection) → the real backend
 * and database → back to every window of the user, and to no one else.
 */
import { describe, expect, it } from 'vitest';
import { bodyEndingOnAbort, connectBackend } from '../../src/kit/main/remote/backend';
import { type AppHarness, createAppHarness, useLiveBackend } from '../helpers/live-backend';

const live = useLiveBackend();

type Harness = AppHarness;
type Change = { kind: 'added'; note: { id: string; text: string } } | { kind: 'removed'; id: string };

/** SSE connections main opened to the backend: their token, and a way to cut them (a network blip). */
interface StreamRecord {
  authorization: string | null;
  /** True once the backend answered: changes from then on reach this stream. */
  accepted: boolean;
  lastEventId: string | null;
  signal: AbortSignal;
  cut(): void;
}

function recordStreams(streams: StreamRecord[]): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (headers.get('accept') !== 'text/event-stream') return fetch(input, init);
    // A blip errors the body main reads, as a reset connection would. Not through fetch's signal:
    // Node's fetch can drop that link after a garbage collection (nodejs/node#55428).
    const blip = new AbortController();
    const record: StreamRecord = {
      authorization: headers.get('authorization'),
      accepted: false,
      lastEventId: headers.get('last-event-id'),
      signal: init?.signal ?? blip.signal,
      cut: () => blip.abort(new TypeError('connection reset')),
    };
    streams.push(record);
    const response = await fetch(input, init);
    record.accepted = true;
    return bodyEndingOnAbort(response, blip.signal);
  };
}

/**
 * Waits until `count` streams reached the backend. A subscription's `started` comes from main
 * before the backend has answered, and a change made in between would not be in the stream.
 */
async function streamsAccepted(streams: StreamRecord[], count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (streams.filter((stream) => stream.accepted).length < count) {
    if (Date.now() > deadline) throw new Error(`${streams.length} streams opened, fewer than ${count} accepted`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A window's subscription, with what it received. */
function watch(client: ReturnType<Harness['openWindow']>['client']) {
  const changes: Change[] = [];
  const waiters: Array<() => void> = [];
  let started!: () => void;
  const isStarted = new Promise<void>((resolve) => (started = resolve));
  const subscription = client.remote.notes.changes.subscribe(undefined, {
    onStarted: () => started(),
    onData: (event) => {
      changes.push(event.data as Change);
      waiters.splice(0).forEach((wake) => wake());
    },
  });
  return {
    changes,
    started: isStarted,
    /** Resolves once `count` changes have arrived. */
    async received(count: number, timeoutMs = 15_000): Promise<Change[]> {
      const deadline = Date.now() + timeoutMs;
      while (changes.length < count) {
        if (Date.now() > deadline) throw new Error(`got ${changes.length} of ${count} changes`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return changes;
    },
    unsubscribe: () => subscription.unsubscribe(),
  };
}

const texts = (changes: Change[]) =>
  changes.map((change) => (change.kind === 'added' ? `+${change.note.text}` : `-${change.id}`));

describe('live notes through main', () => {
  it("two windows of one user see each other's adds and removes; another user's window sees nothing", async () => {
    const streams: StreamRecord[] = [];
    connectBackend({ backendUrl: live.backend.url, fetch: recordStreams(streams) });
    const harness = await createAppHarness({ key: live.key });
    const aliceToken = await live.key.sign({ sub: 'user_live_a', sid: 'sess_a1' });
    const aliceToken2 = await live.key.sign({ sub: 'user_live_a', sid: 'sess_a2' });
    const bobToken = await live.key.sign({ sub: 'user_live_b', sid: 'sess_b' });
    const first = harness.openWindow({ getToken: async () => aliceToken });
    const second = harness.openWindow({ getToken: async () => aliceToken2 });
    const bob = harness.openWindow({ getToken: async () => bobToken });

    const [inFirst, inSecond, inBob] = [watch(first.client), watch(second.client), watch(bob.client)];
    await Promise.all([inFirst.started, inSecond.started, inBob.started]);
    await streamsAccepted(streams, 3);

    await first.client.remote.notes.add.mutate({ text: 'from the first window' });
    const [note] = await second.client.remote.notes.list.query();
    await second.client.remote.notes.remove.mutate({ id: note!.id });
    const expected = ['+from the first window', `-${note!.id}`];
    expect(texts(await inFirst.received(2))).toEqual(expected);
    expect(texts(await inSecond.received(2))).toEqual(expected);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inBob.changes).toEqual([]);

    // Each window's stream carried that window's own token.
    expect(streams.map((stream) => stream.authorization).sort()).toEqual(
      [`Bearer ${aliceToken}`, `Bearer ${aliceToken2}`, `Bearer ${bobToken}`].sort(),
    );
    for (const watcher of [inFirst, inSecond, inBob]) watcher.unsubscribe();
  }, 30_000);

  it('replaces a token that expired during the stream on reconnect, without losing or repeating events', async () => {
    const streams: StreamRecord[] = [];
    connectBackend({ backendUrl: live.backend.url, fetch: recordStreams(streams) });
    // minTimeLeftSeconds 0: main keeps using the window's token until it has really expired.
    const harness = await createAppHarness({ key: live.key, freshToken: { minTimeLeftSeconds: 0 } });
    const shortLived = await live.key.sign({ sub: 'user_live_exp', sid: 'sess_exp', expiresIn: 3 });
    let current = shortLived;
    const { client } = harness.openWindow({ getToken: async () => current });
    const writer = harness.openWindow({ getToken: () => live.key.sign({ sub: 'user_live_exp', sid: 'sess_writer' }) });

    const watcher = watch(client);
    await watcher.started;
    await streamsAccepted(streams, 1);
    await writer.client.remote.notes.add.mutate({ text: 'before expiry' });
    await watcher.received(1);

    // The token expires mid-stream; the renderer (Clerk) would now hand out a new one.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    current = await live.key.sign({ sub: 'user_live_exp', sid: 'sess_exp', expiresIn: 120 });
    streams[0]!.cut();
    await writer.client.remote.notes.add.mutate({ text: 'while reconnecting' });
    await writer.client.remote.notes.add.mutate({ text: 'after' });

    expect(texts(await watcher.received(3))).toEqual(['+before expiry', '+while reconnecting', '+after']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watcher.changes).toHaveLength(3);
    // The reconnection carried the new token and resumed after the last event it had.
    expect(streams.map((stream) => stream.authorization)).toEqual([`Bearer ${shortLived}`, `Bearer ${current}`]);
    expect(streams[1]!.lastEventId).toMatch(/^\d+$/);
    watcher.unsubscribe();
  }, 30_000);

  it('ends the backend stream when the window closes or the renderer unsubscribes', async () => {
    const streams: StreamRecord[] = [];
    connectBackend({ backendUrl: live.backend.url, fetch: recordStreams(streams) });
    const harness = await createAppHarness({ key: live.key });
    const token = await live.key.sign({ sub: 'user_live_close' });
    const closing = harness.openWindow({ getToken: async () => token });
    const leaving = harness.openWindow({ getToken: async () => token });
    const [inClosing, inLeaving] = [watch(closing.client), watch(leaving.client)];
    await Promise.all([inClosing.started, inLeaving.started]);
    await streamsAccepted(streams, 2);
    expect(streams).toHaveLength(2);
    expect(streams.every((stream) => !stream.signal.aborted)).toBe(true);

    closing.win.destroy();
    inLeaving.unsubscribe(); // what the notes card does on sign-out or unmount
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(streams.every((stream) => stream.signal.aborted)).toBe(true);
    expect(harness.registration.inFlight(closing.win.webContents.id)).toBe(0);
    expect(harness.registration.inFlight(leaving.win.webContents.id)).toBe(0);
  }, 30_000);
});

/**
 * The backend ends a live stream when the token that opened it expires; main's client reconnects
 * with the window's fresh token and the last event id, so the window misses nothing and gets
 * nothing twice.
 */
import { describe, expect, it } from 'vitest';
import { connectBackend } from '../../src/kit/main/remote/backend';
import { createAppHarness, useLiveBackend } from '../helpers/live-backend';

const live = useLiveBackend();

type Change = { kind: 'added'; note: { text: string } } | { kind: 'removed'; id: string };

/** Waits for `done()`, checking every 20 ms, failing after `timeoutMs`. */
async function until(done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a live stream through main when its token expires', () => {
  it('reconnects with a fresh token from the last event id, losing and repeating nothing', async () => {
    const streams: Array<{ authorization: string | null; lastEventId: string | null; accepted: boolean }> = [];
    connectBackend({
      backendUrl: live.backend.url,
      fetch: async (input, init) => {
        const headers = new Headers(init?.headers);
        if (headers.get('accept') !== 'text/event-stream') return fetch(input, init);
        const stream = { authorization: headers.get('authorization'), lastEventId: headers.get('last-event-id'), accepted: false };
        streams.push(stream);
        const response = await fetch(input, init);
        stream.accepted = true; // the backend listens from here on
        return response;
      },
    });
    const harness = await createAppHarness({ key: live.key, freshToken: { minTimeLeftSeconds: 0 } });
    // Clerk hands out short-lived tokens and a fresh one whenever asked: here, 4 s each.
    const { client } = harness.openWindow({ getToken: () => live.key.sign({ sub: 'user_expiry_chain', expiresIn: 4 }) });
    const writer = harness.openWindow({ getToken: () => live.key.sign({ sub: 'user_expiry_chain', sid: 'sess_writer' }) });

    const changes: Change[] = [];
    const subscription = client.remote.notes.changes.subscribe(undefined, {
      onData: (event) => changes.push(event.data as Change),
    });
    await until(() => streams[0]?.accepted === true, 'the first stream');
    await writer.client.remote.notes.add.mutate({ text: 'before expiry' });
    await until(() => changes.length === 1, 'the first change');

    await until(() => streams[1]?.accepted === true, 'the reconnection after expiry');
    await writer.client.remote.notes.add.mutate({ text: 'after expiry' });
    await until(() => changes.length === 2, 'the second change');
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(changes.map((change) => (change.kind === 'added' ? change.note.text : change.id))).toEqual([
      'before expiry',
      'after expiry',
    ]);
    expect(streams[1]!.authorization).not.toBe(streams[0]!.authorization);
    expect(streams[1]!.lastEventId).toMatch(/^\d+$/);
    subscription.unsubscribe();
  }, 40_000);
});

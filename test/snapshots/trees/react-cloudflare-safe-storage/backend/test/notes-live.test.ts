/**
 * notes.changes over SSE against the real server and database (Node: in-process fan-out; Workers:
 * a Durable Object per user, local in workerd): each user sees only their own changes, and a
 * client that reconnects with its last event id gets what it missed, exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type RunningBackend } from './helpers/start-backend';
import { createTestSigner, TEST_AUTHORIZED_PARTY, type TestSigner } from './helpers/tokens';
import { eventData, mutate, subscribe, type SseStream } from './helpers/trpc-http';

type Change = { kind: 'added'; note: { id: string; text: string } } | { kind: 'removed'; id: string };

let signer: TestSigner;
let backend: RunningBackend;
const open: SseStream[] = [];

beforeAll(async () => {
  signer = await createTestSigner();
  backend = await startTestBackend({ CLERK_JWT_KEY: signer.publicKeyPem, CLERK_AUTHORIZED_PARTIES: TEST_AUTHORIZED_PARTY });
}, 60_000);

afterAll(async () => {
  for (const stream of open) stream.close();
  await backend?.stop();
});

const tokenOf = (userId: string) => signer.sign({ sub: userId, sid: `sess_${userId}` });

async function changesOf(userId: string, input?: { lastEventId: string }): Promise<SseStream> {
  const stream = await subscribe(backend.url, 'notes.changes', await tokenOf(userId), input);
  open.push(stream);
  return stream;
}

async function add(userId: string, text: string): Promise<string> {
  const result = await mutate(backend.url, 'notes.add', await tokenOf(userId), { text });
  expect(result.status).toBe(200);
  return (result.body.data as { id: string }).id;
}

describe('notes.changes', () => {
  it("streams the user's own adds and removes, with event ids, and nothing of other users", async () => {
    const alice = await changesOf('user_live_alice');
    const bob = await changesOf('user_live_bob');
    expect(alice.status).toBe(200);

    const id = await add('user_live_alice', 'hello');
    const added = await alice.next();
    expect(eventData<Change>(added)).toMatchObject({ kind: 'added', note: { id, text: 'hello' } });
    expect(added.id).toMatch(/^\d+$/);

    expect((await mutate(backend.url, 'notes.remove', await tokenOf('user_live_alice'), { id })).status).toBe(200);
    const removed = await alice.next();
    expect(eventData<Change>(removed)).toEqual({ kind: 'removed', id });
    expect(Number(removed.id)).toBeGreaterThan(Number(added.id));

    // Bob's stream stayed silent; his own change reaches only him.
    await add('user_live_bob', 'bob only');
    expect(eventData<Change>(await bob.next())).toMatchObject({ kind: 'added', note: { text: 'bob only' } });
    expect(await alice.quietFor(300)).toBe(true);
  });

  it('resumes after the last event id with what happened in between, exactly once', async () => {
    const first = await changesOf('user_live_resume');
    await add('user_live_resume', 'seen');
    const seen = await first.next();
    first.close();

    await add('user_live_resume', 'missed 1');
    await add('user_live_resume', 'missed 2');

    const resumed = await changesOf('user_live_resume', { lastEventId: seen.id! });
    const texts = [await resumed.next(), await resumed.next()].map(
      (event) => (eventData<Change>(event) as { note: { text: string } }).note.text,
    );
    expect(texts).toEqual(['missed 1', 'missed 2']);
    await add('user_live_resume', 'live again');
    expect(eventData<Change>(await resumed.next())).toMatchObject({ note: { text: 'live again' } });
    expect(await resumed.quietFor(200)).toBe(true);
  });

  it('refuses a stream without a valid session, and a malformed event id', async () => {
    // tRPC reports a subscription's errors inside the SSE stream, with the HTTP status in the error.
    const errorOf = async (stream: SseStream) => {
      const event = await stream.next();
      expect(event.event).toBe('serialized-error');
      return eventData<{ message: string; data: { code: string } }>(event);
    };
    const anonymous = await subscribe(backend.url, 'notes.changes', 'garbage');
    open.push(anonymous);
    expect((await errorOf(anonymous)).data.code).toBe('UNAUTHORIZED');
    const malformed = await errorOf(await changesOf('user_live_bad', { lastEventId: 'abc' }));
    expect(malformed.data.code).toBe('BAD_REQUEST');
    expect(malformed.message).toContain('lastEventId is a change id.');
  });
});

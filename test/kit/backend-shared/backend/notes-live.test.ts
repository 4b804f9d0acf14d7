/**
 * notes.changes over SSE against the real server and database (Node: in-process fan-out; Workers:
 * a Durable Object per workspace, local in workerd): each user, and each organization, sees only its
 * own changes, and a client that reconnects with its last event id gets what it missed, exactly once,
 * of the workspace of its new token only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type RunningBackend } from './helpers/backend';
import { createTestSigner, TEST_AUTHORIZED_PARTY, type TestSigner } from './helpers/tokens';
import { mutate } from './helpers/trpc-http';
import { eventData, subscribe, type SseStream } from './helpers/trpc-sse';
import { MAX_STREAMS_PER_USER, TOKEN_EXPIRED_MESSAGE } from '../src/kit/live';

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

/** A v2 session token of `userId` with `orgId` active, allowed to write its notes (`org:notes:write`). */
const orgTokenOf = (userId: string, orgId: string) =>
  signer.sign({ sub: userId, sid: `sess_${userId}`, extra: { fea: 'o:notes', o: { id: orgId, rol: 'admin', per: 'write', fpm: '1' } } });

async function changesOf(userId: string, input?: { lastEventId: string }, orgId?: string): Promise<SseStream> {
  const token = orgId === undefined ? await tokenOf(userId) : await orgTokenOf(userId, orgId);
  const stream = await subscribe(backend.url, 'notes.changes', token, input);
  open.push(stream);
  return stream;
}

async function add(userId: string, text: string, orgId?: string): Promise<string> {
  const token = orgId === undefined ? await tokenOf(userId) : await orgTokenOf(userId, orgId);
  const result = await mutate(backend.url, 'notes.add', token, { text });
  expect(result.status).toBe(200);
  return (result.body.data as { id: string }).id;
}

const textOf = (event: { data: string }) => (eventData<Change>(event) as { note: { text: string } }).note.text;

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

  it("streams an organization's changes to its members only: not to another organization, nor to personal streams", async () => {
    const inA = await changesOf('user_live_org', undefined, 'org_live_a');
    const colleagueInA = await changesOf('user_live_colleague', undefined, 'org_live_a');
    const inB = await changesOf('user_live_org', undefined, 'org_live_b');
    const personal = await changesOf('user_live_org');

    const id = await add('user_live_colleague', 'for A', 'org_live_a');
    expect(textOf(await inA.next())).toBe('for A');
    expect(textOf(await colleagueInA.next())).toBe('for A');
    const removed = await mutate(backend.url, 'notes.remove', await orgTokenOf('user_live_org', 'org_live_a'), { id });
    expect(removed.status).toBe(200);
    expect(eventData<Change>(await inA.next())).toEqual({ kind: 'removed', id });

    await add('user_live_org', 'for B', 'org_live_b');
    expect(textOf(await inB.next())).toBe('for B');
    await add('user_live_org', 'personal');
    expect(textOf(await personal.next())).toBe('personal');
    // Each stream got its own workspace's events above; nothing else arrives.
    expect(await inA.quietFor(300)).toBe(true);
    expect(await inB.quietFor(0)).toBe(true);
    expect(await personal.quietFor(0)).toBe(true);
  });

  it("resumes in the workspace of the new token: another workspace's event id leaks none of its changes", async () => {
    const inA = await changesOf('user_live_switch', undefined, 'org_switch_a');
    await add('user_live_switch', 'A before', 'org_switch_a');
    const seenInA = await inA.next();
    inA.close();
    await add('user_live_switch', 'A missed', 'org_switch_a');
    await add('user_live_switch', 'B after', 'org_switch_b');

    // Reconnecting with a token of org B and the last event id seen in org A.
    const inB = await changesOf('user_live_switch', { lastEventId: seenInA.id! }, 'org_switch_b');
    expect(textOf(await inB.next())).toBe('B after');
    expect(await inB.quietFor(300)).toBe(true);
    // From the start of the log: only B's events, and none for personal notes.
    const fromStartInB = await changesOf('user_live_switch', { lastEventId: '0' }, 'org_switch_b');
    expect(textOf(await fromStartInB.next())).toBe('B after');
    expect(await fromStartInB.quietFor(300)).toBe(true);
    const fromStartPersonal = await changesOf('user_live_switch', { lastEventId: '0' });
    expect(await fromStartPersonal.quietFor(300)).toBe(true);
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

  it('ends a stream when the token that opened it expires, with an error the client reconnects on', async () => {
    const stream = await subscribe(backend.url, 'notes.changes', await signer.sign({ sub: 'user_live_expiry', expiresIn: 2 }));
    open.push(stream);
    await add('user_live_expiry', 'before expiry');
    expect(eventData<Change>(await stream.next())).toMatchObject({ note: { text: 'before expiry' } });

    const ended = await stream.next();
    expect(ended.event).toBe('serialized-error');
    expect(eventData<{ message: string; data: { code: string } }>(ended)).toMatchObject({
      message: TOKEN_EXPIRED_MESSAGE,
      data: { code: 'SERVICE_UNAVAILABLE' },
    });
    await add('user_live_expiry', 'written after the token expired');
    expect(await stream.quietFor(500)).toBe(true);
  });

  it(`refuses a user's stream past ${MAX_STREAMS_PER_USER} open ones, not another user's`, async () => {
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) {
      const stream = await changesOf('user_live_many');
      expect(stream.status).toBe(200);
    }
    const refused = await changesOf('user_live_many');
    const error = await refused.next();
    expect(error.event).toBe('serialized-error');
    expect(eventData<{ data: { code: string } }>(error).data.code).toBe('TOO_MANY_REQUESTS');

    const other = await changesOf('user_live_other');
    await add('user_live_other', 'still served');
    expect(eventData<Change>(await other.next())).toMatchObject({ note: { text: 'still served' } });
  });
});

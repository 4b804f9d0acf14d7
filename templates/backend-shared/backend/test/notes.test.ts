/**
 * notes.* against the real server and a real local database (a libSQL file on Node, local D1
 * through wrangler/workerd on Workers): persistence across restarts, isolation between users and
 * organizations, the write permission, input validation, pagination, the cap and all-or-nothing writes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type RunningBackend } from './helpers/start-backend';
import { createTestSigner, TEST_AUTHORIZED_PARTY, type TestSigner } from './helpers/tokens';
import { mutate, mutateBatch, query } from './helpers/trpc-http';

interface Note {
  id: string;
  text: string;
  createdAt: string;
}

let signer: TestSigner;
let dataDir: string;
let backend: RunningBackend;
const start = () =>
  startTestBackend({ CLERK_JWT_KEY: signer.publicKeyPem, CLERK_AUTHORIZED_PARTIES: TEST_AUTHORIZED_PARTY }, { dataDir });

beforeAll(async () => {
  signer = await createTestSigner();
  dataDir = await mkdtemp(join(tmpdir(), 'notes-test-'));
  backend = await start();
}, 60_000);

afterAll(async () => {
  await backend?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const tokenOf = (userId: string) => signer.sign({ sub: userId, sid: `sess_${userId}` });
const add = async (userId: string, text: string) => mutate(backend.url, 'notes.add', await tokenOf(userId), { text });
const list = async (userId: string, input?: { cursor?: string; limit?: number }) =>
  query(backend.url, 'notes.list', await tokenOf(userId), input);
const texts = async (userId: string) => ((await list(userId)).body.data as Note[]).map((note) => note.text);

/**
 * A session token (v2) with `orgId` active: `fea` lists the organization's features, `o.per` the
 * permission names, `o.fpm` a bitmap per feature of the ones it grants (1: `org:notes:write`).
 */
const orgTokenOf = (userId: string, orgId: string, { canWrite = true } = {}) =>
  signer.sign({
    sub: userId,
    sid: `sess_${userId}`,
    extra: {
      fea: 'o:notes',
      o: { id: orgId, slg: orgId, rol: canWrite ? 'admin' : 'member', per: 'write', fpm: canWrite ? '1' : '0' },
    },
  });
const orgTexts = async (token: string) =>
  ((await query(backend.url, 'notes.list', token)).body.data as Note[]).map((note) => note.text);

describe('notes on the database', () => {
  it('keeps notes across a server restart', async () => {
    expect((await add('user_restart', 'written before the restart')).status).toBe(200);
    await backend.stop();
    backend = await start();
    expect(await texts('user_restart')).toEqual(['written before the restart']);
  }, 60_000);

  it('lists newest first, a page at a time', async () => {
    for (const text of ['one', 'two', 'three', 'four', 'five']) expect((await add('user_pages', text)).status).toBe(200);
    const first = (await list('user_pages', { limit: 2 })).body.data as Note[];
    expect(first.map((note) => note.text)).toEqual(['five', 'four']);
    const second = (await list('user_pages', { limit: 2, cursor: first[1]!.id })).body.data as Note[];
    expect(second.map((note) => note.text)).toEqual(['three', 'two']);
    const last = (await list('user_pages', { limit: 2, cursor: second[1]!.id })).body.data as Note[];
    expect(last.map((note) => note.text)).toEqual(['one']);
  });

  it("never shows, nor removes, another user's notes, even with the right id", async () => {
    const created = (await add('user_owner', 'private')).body.data as Note;
    expect(await texts('user_intruder')).toEqual([]);
    // The cursor of another user's note only pages through the caller's own notes.
    expect((await list('user_intruder', { cursor: 'ffffffff-ffff-7fff-bfff-ffffffffffff' })).body.data).toEqual([]);

    const stolen = await mutate(backend.url, 'notes.remove', await tokenOf('user_intruder'), { id: created.id });
    expect(stolen.status).toBe(404);
    expect(await texts('user_owner')).toEqual(['private']);

    const removed = await mutate(backend.url, 'notes.remove', await tokenOf('user_owner'), { id: created.id });
    expect(removed.status).toBe(200);
    expect(await texts('user_owner')).toEqual([]);
    // Removing twice: the same answer as another user's id.
    expect((await mutate(backend.url, 'notes.remove', await tokenOf('user_owner'), { id: created.id })).status).toBe(404);
  });

  it("keeps each organization's notes apart from the other organizations' and from personal notes", async () => {
    const inA = await orgTokenOf('user_org_member', 'org_a');
    const inB = await orgTokenOf('user_org_member', 'org_b');
    const created = (await mutate(backend.url, 'notes.add', inA, { text: 'for org A' })).body.data as Note;
    expect((await mutate(backend.url, 'notes.add', inB, { text: 'for org B' })).status).toBe(200);
    expect((await add('user_org_member', 'personal')).status).toBe(200);

    expect(await orgTexts(inA)).toEqual(['for org A']);
    expect(await orgTexts(inB)).toEqual(['for org B']);
    expect(await texts('user_org_member')).toEqual(['personal']);
    // Another member of org A sees its notes; the id of one is unknown in org B and in personal notes.
    expect(await orgTexts(await orgTokenOf('user_org_colleague', 'org_a'))).toEqual(['for org A']);
    expect((await mutate(backend.url, 'notes.remove', inB, { id: created.id })).status).toBe(404);
    expect((await mutate(backend.url, 'notes.remove', await tokenOf('user_org_member'), { id: created.id })).status).toBe(404);
    expect(await orgTexts(inA)).toEqual(['for org A']);
    expect(
      (await mutate(backend.url, 'notes.remove', await orgTokenOf('user_org_colleague', 'org_a'), { id: created.id })).status,
    ).toBe(200);
    expect(await orgTexts(inA)).toEqual([]);
  });

  it("lets a member without org:notes:write read but not change the organization's notes", async () => {
    const writer = await orgTokenOf('user_org_writer', 'org_c');
    const created = (await mutate(backend.url, 'notes.add', writer, { text: 'shared' })).body.data as Note;
    const reader = await orgTokenOf('user_org_reader', 'org_c', { canWrite: false });
    expect(await orgTexts(reader)).toEqual(['shared']);
    for (const [path, input] of [
      ['notes.add', { text: 'refused' }],
      ['notes.remove', { id: created.id }],
    ] as const) {
      const refused = await mutate(backend.url, path, reader, input);
      expect(refused.status).toBe(403);
      expect(refused.body.error?.message).toBe('This needs the permission "org:notes:write".');
    }
    expect(await orgTexts(writer)).toEqual(['shared']);
    // Personal notes need no permission.
    expect((await add('user_org_reader', 'mine')).status).toBe(200);
  });

  it('refuses every call without a valid session', async () => {
    expect((await query(backend.url, 'notes.list', undefined)).status).toBe(401);
    expect((await mutate(backend.url, 'notes.add', undefined, { text: 'anonymous' })).status).toBe(401);
  });

  it.each([
    ['empty text', 'notes.add', { text: '   ' }, 'A note needs some text.'],
    ['text over 500 characters', 'notes.add', { text: 'x'.repeat(501) }, 'A note has at most 500 characters.'],
    ['no text', 'notes.add', {}, 'text'],
    ['an id that is not a UUID', 'notes.remove', { id: '1 OR 1=1' }, 'A note id is a UUID.'],
  ])('answers 400 with a clear message for %s', async (_name, path, input, message) => {
    const result = await mutate(backend.url, path, await tokenOf('user_input'), input);
    expect(result.status).toBe(400);
    expect(result.body.error?.data?.code).toBe('BAD_REQUEST');
    expect(result.body.error?.message).toContain(message);
  });

  it('answers 400 for a page cursor or size out of range', async () => {
    expect((await list('user_input', { cursor: 'not-an-id' })).status).toBe(400);
    expect((await list('user_input', { limit: 1000 })).status).toBe(400);
  });

  it('keeps committed notes when a write in the same request fails', async () => {
    const token = await tokenOf('user_partial');
    const results = await mutateBatch(backend.url, 'notes.add', token, [{ text: 'kept' }, { text: '' }, { text: 'also kept' }]);
    expect(results.map((result) => result.status)).toEqual([200, 400, 200]);
    // The calls of a batch run concurrently: their order is not the point here.
    expect((await texts('user_partial')).sort()).toEqual(['also kept', 'kept']);
  });

  it('caps notes per workspace, also under concurrent adds, and keeps the ones it has', async () => {
    const token = await tokenOf('user_cap');
    // 6 concurrent requests of 20 adds each: exactly 100 may succeed.
    const batches = await Promise.all(
      Array.from({ length: 6 }, (_, batch) =>
        mutateBatch(
          backend.url,
          'notes.add',
          token,
          Array.from({ length: 20 }, (_, i) => ({ text: `note ${batch}-${i}` })),
        ),
      ),
    );
    const results = batches.flat();
    expect(results.filter((result) => result.status === 200)).toHaveLength(100);
    const refused = results.filter((result) => result.status !== 200);
    expect(refused).toHaveLength(20);
    expect(
      refused.every((result) => result.status === 403 && /at most|most this app keeps/.test(result.body.error!.message)),
    ).toBe(true);
    expect((await list('user_cap', { limit: 100 })).body.data).toHaveLength(100);

    // Removing one makes room for one.
    const [newest] = (await list('user_cap', { limit: 1 })).body.data as Note[];
    expect((await mutate(backend.url, 'notes.remove', token, { id: newest!.id })).status).toBe(200);
    expect((await add('user_cap', 'room again')).status).toBe(200);
    expect((await add('user_cap', 'one too many')).status).toBe(403);
  }, 60_000);
});

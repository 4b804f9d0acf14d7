/**
 * The notes procedures (src/router.ts) on a real local database, called as the signed-in caller the
 * kit verified: users and organizations kept apart, the write permission, input errors, pages and the cap.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFromClaims } from '../src/kit/auth';
import { backendRouter } from '../src/router';
import { createTestData, type TestData } from './helpers/test-data';

let testData: TestData;
beforeAll(async () => {
  testData = await createTestData();
}, 30_000);
afterAll(() => testData?.close());

/**
 * `notes.*` as `userId`; with `orgId`, as a member of that organization, granted `org:notes:write`
 * unless `canWrite` is false (a session token v2: `fea` the organization's features, `o.fpm` a bitmap
 * per feature of the permissions in `o.per` it grants).
 */
function notesOf(userId: string, orgId?: string, { canWrite = true } = {}) {
  const org = orgId && {
    fea: 'o:notes',
    o: { id: orgId, slg: orgId, rol: canWrite ? 'admin' : 'member', per: 'write', fpm: canWrite ? '1' : '0' },
  };
  const auth = authFromClaims({ sub: userId, sid: `sess_${userId}`, v: 2, ...org });
  return backendRouter.createCaller({ auth, data: testData.data }).notes;
}
type Notes = ReturnType<typeof notesOf>;

const texts = async (notes: Notes) => (await notes.list()).map((note) => note.text);
/** The tRPC error code a call fails with ('OK' when it succeeds), and its message. */
const outcome = (call: Promise<unknown>) =>
  call.then(
    () => ({ code: 'OK', message: '' }),
    (error: TRPCError) => ({ code: error.code, message: error.message }),
  );

describe('notes on the database', () => {
  it('lists newest first, a page at a time', async () => {
    const notes = notesOf('user_pages');
    for (const text of ['one', 'two', 'three', 'four', 'five']) await notes.add({ text });
    const first = await notes.list({ limit: 2 });
    expect(first.map((note) => note.text)).toEqual(['five', 'four']);
    const second = await notes.list({ limit: 2, cursor: first[1]!.id });
    expect(second.map((note) => note.text)).toEqual(['three', 'two']);
    expect((await notes.list({ limit: 2, cursor: second[1]!.id })).map((note) => note.text)).toEqual(['one']);
  });

  it("never shows, nor removes, another user's notes, even with the right id", async () => {
    const owner = notesOf('user_owner');
    const intruder = notesOf('user_intruder');
    const created = await owner.add({ text: 'private' });
    expect(await texts(intruder)).toEqual([]);
    // The cursor of another user's note only pages through the caller's own notes.
    expect(await intruder.list({ cursor: 'ffffffff-ffff-7fff-bfff-ffffffffffff' })).toEqual([]);
    expect((await outcome(intruder.remove({ id: created.id }))).code).toBe('NOT_FOUND');
    expect(await texts(owner)).toEqual(['private']);

    await owner.remove({ id: created.id });
    expect(await texts(owner)).toEqual([]);
    // Removing twice: the same answer as another user's id.
    expect((await outcome(owner.remove({ id: created.id }))).code).toBe('NOT_FOUND');
  });

  it("keeps each organization's notes apart from the other organizations' and from personal notes", async () => {
    const inA = notesOf('user_org_member', 'org_a');
    const inB = notesOf('user_org_member', 'org_b');
    const personal = notesOf('user_org_member');
    const created = await inA.add({ text: 'for org A' });
    await inB.add({ text: 'for org B' });
    await personal.add({ text: 'personal' });

    expect(await texts(inA)).toEqual(['for org A']);
    expect(await texts(inB)).toEqual(['for org B']);
    expect(await texts(personal)).toEqual(['personal']);
    // Another member of org A sees its notes; the id of one is unknown in org B and in personal notes.
    const colleague = notesOf('user_org_colleague', 'org_a');
    expect(await texts(colleague)).toEqual(['for org A']);
    expect((await outcome(inB.remove({ id: created.id }))).code).toBe('NOT_FOUND');
    expect((await outcome(personal.remove({ id: created.id }))).code).toBe('NOT_FOUND');
    expect(await texts(inA)).toEqual(['for org A']);
    await colleague.remove({ id: created.id });
    expect(await texts(inA)).toEqual([]);
  });

  it("lets a member without org:notes:write read but not change the organization's notes", async () => {
    const writer = notesOf('user_org_writer', 'org_c');
    const created = await writer.add({ text: 'shared' });
    const reader = notesOf('user_org_reader', 'org_c', { canWrite: false });
    expect(await texts(reader)).toEqual(['shared']);
    for (const call of [reader.add({ text: 'refused' }), reader.remove({ id: created.id })]) {
      expect(await outcome(call)).toEqual({ code: 'FORBIDDEN', message: 'This needs the permission "org:notes:write".' });
    }
    expect(await texts(writer)).toEqual(['shared']);
    // Personal notes need no permission.
    expect((await outcome(notesOf('user_org_reader').add({ text: 'mine' }))).code).toBe('OK');
  });

  it('refuses every call without a signed-in caller', async () => {
    const anonymous = backendRouter.createCaller({ auth: null, data: testData.data }).notes;
    expect((await outcome(anonymous.list())).code).toBe('UNAUTHORIZED');
    expect((await outcome(anonymous.add({ text: 'anonymous' }))).code).toBe('UNAUTHORIZED');
  });

  it.each([
    ['empty text', { text: '   ' }, 'A note needs some text.'],
    ['text over 500 characters', { text: 'x'.repeat(501) }, 'A note has at most 500 characters.'],
    ['no text', {}, 'text'],
  ])('refuses to add a note with %s, saying why', async (_name, input, message) => {
    const result = await outcome(notesOf('user_input').add(input as { text: string }));
    expect(result.code).toBe('BAD_REQUEST');
    expect(result.message).toContain(message);
  });

  it('refuses a note id, page cursor or page size that is not one', async () => {
    const notes = notesOf('user_input');
    expect(await outcome(notes.remove({ id: '1 OR 1=1' }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: /A note id is a UUID/,
    });
    expect((await outcome(notes.list({ cursor: 'not-an-id' }))).code).toBe('BAD_REQUEST');
    expect((await outcome(notes.list({ limit: 1000 }))).code).toBe('BAD_REQUEST');
  });

  it('caps notes per workspace, also under concurrent adds, and keeps the ones it has', async () => {
    const notes = notesOf('user_cap');
    const results = await Promise.all(Array.from({ length: 120 }, (_, i) => outcome(notes.add({ text: `note ${i}` }))));
    expect(results.filter((result) => result.code === 'OK')).toHaveLength(100);
    const refused = results.filter((result) => result.code !== 'OK');
    expect(refused).toHaveLength(20);
    expect(refused.every((result) => result.code === 'FORBIDDEN' && /most this app keeps/.test(result.message))).toBe(true);
    expect(await notes.list({ limit: 100 })).toHaveLength(100);

    // Removing one makes room for one.
    const [newest] = await notes.list({ limit: 1 });
    await notes.remove({ id: newest!.id });
    expect((await outcome(notes.add({ text: 'room again' }))).code).toBe('OK');
    expect((await outcome(notes.add({ text: 'one too many' }))).code).toBe('FORBIDDEN');
  }, 30_000);
});

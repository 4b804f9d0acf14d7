/**
 * The notes procedures (src/router.ts) on a real local database, called as the signed-in caller the
 * kit verified: pages, users and organizations kept apart, the write permission.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFromClaims } from '../src/kit/auth';
import { backendRouter } from '../src/router';
import { createTestData, type TestData } from './helpers/backend';

let testData: TestData;
beforeAll(async () => {
  testData = await createTestData();
}, 30_000);
afterAll(() => testData?.close());

/** `notes.*` as `userId`; with `orgId`, as a member of it, granted `org:notes:write` unless `canWrite` is false. */
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
});

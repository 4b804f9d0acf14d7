/**
 * The notes procedures (src/router.ts) called in process, past what the app's own test/notes.test.ts
 * covers: callers without a token, input errors, and the cap per workspace under concurrent adds.
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

const notesOf = (userId: string) =>
  backendRouter.createCaller({ auth: authFromClaims({ sub: userId, sid: `sess_${userId}` }), data: testData.data }).notes;
/** The tRPC error code a call fails with ('OK' when it succeeds), and its message. */
const outcome = (call: Promise<unknown>) =>
  call.then(
    () => ({ code: 'OK', message: '' }),
    (error: TRPCError) => ({ code: error.code, message: error.message }),
  );

describe('notes procedures', () => {
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

import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE, publicProcedure, router } from '../src/kit/trpc';

const testRouter = router({
  broken: publicProcedure.query(() => {
    throw new Error('SQLITE_ERROR: no such table: notes (file:/srv/app/backend/data/notes.db)');
  }),
  refused: publicProcedure.query(() => {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'At most 100 notes.' });
  }),
});

async function call(path: string) {
  const logged: string[] = [];
  const response = await fetchRequestHandler({
    endpoint: '/trpc',
    req: new Request(`http://backend.test/trpc/${path}`),
    router: testRouter,
    createContext: () => ({ auth: null }),
    onError: ({ error }) => logged.push(error.message),
  });
  return { body: (await response.json()) as { error: { json: { message: string } } }, logged };
}

describe('error messages a caller sees', () => {
  it('hides an unexpected failure behind a generic message; the server still has the detail', async () => {
    const { body, logged } = await call('broken');
    expect(body.error.json.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(JSON.stringify(body)).not.toMatch(/SQLITE|notes\.db|\/srv/);
    expect(logged).toEqual([expect.stringContaining('SQLITE_ERROR')]);
  });

  it('keeps the message of an error thrown on purpose', async () => {
    const { body } = await call('refused');
    expect(body.error.json.message).toBe('At most 100 notes.');
  });
});

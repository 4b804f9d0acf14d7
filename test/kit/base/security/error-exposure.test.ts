/** What a failed call tells the renderer: main's real tRPC set-up (src/kit/main/trpc/init.ts), over IPC. */
import { TRPCClientError } from '@trpc/client';
import { TRPCError, type TRPCDefaultErrorShape } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE, isDevelopmentRun, maskInternalErrors, publicProcedure, router } from '../../src/kit/main/trpc/init';
import { createHarness } from '../helpers/harness';

const SECRET_DETAIL = 'ENOENT: /home/alice/.config/app/secret.db';

const testRouter = router({
  crash: publicProcedure.query((): never => {
    throw new Error(SECRET_DETAIL);
  }),
  missing: publicProcedure.query((): never => {
    throw new TRPCError({ code: 'NOT_FOUND', message: 'No such note.' });
  }),
});

async function failure(promise: Promise<unknown>): Promise<TRPCClientError<typeof testRouter>> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<typeof testRouter>;
}

describe('errors outside development (tests run like a packaged app)', () => {
  it('is not a development run: Electron sets process.defaultApp only for `electron <folder>`', () => {
    expect(isDevelopmentRun()).toBe(false);
    expect(isDevelopmentRun({ defaultApp: true })).toBe(true);
    expect(isDevelopmentRun({})).toBe(false);
  });

  it('hides an internal error’s message and stack from the renderer, and gives main the real one', async () => {
    const harness = await createHarness({ router: testRouter });
    const { client } = harness.openWindow();
    const error = await failure(client.crash.query());
    expect(error.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(error.data?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.data).not.toHaveProperty('stack');
    expect(JSON.stringify(error.shape)).not.toContain('secret.db');
    expect(harness.errors.map((info) => info.error.message)).toContain(SECRET_DETAIL);
  });

  it('keeps the message of an error a procedure throws on purpose', async () => {
    const harness = await createHarness({ router: testRouter });
    const { client } = harness.openWindow();
    const error = await failure(client.missing.query());
    expect(error.message).toBe('No such note.');
    expect(error.data?.code).toBe('NOT_FOUND');
  });
});

describe('maskInternalErrors', () => {
  const shape = {
    message: SECRET_DETAIL,
    code: -32603,
    data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, path: 'crash' },
  } as TRPCDefaultErrorShape;
  const internal = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: SECRET_DETAIL });

  it('keeps the real message in development', () => {
    expect(maskInternalErrors({ shape, error: internal }, true).message).toBe(SECRET_DETAIL);
  });

  it('replaces it otherwise, keeping code and data', () => {
    expect(maskInternalErrors({ shape, error: internal }, false)).toEqual({ ...shape, message: INTERNAL_ERROR_MESSAGE });
  });
});

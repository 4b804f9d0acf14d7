/** The handler uses whatever router it is given: its own errorFormatter and transformer apply. */
import { initTRPC, TRPCError } from '@trpc/server';
import { TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/main/trpc/init';
import { createHarness } from '../helpers/harness';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    data: { ...shape.data, reason: error.cause instanceof Error ? error.cause.message : null, at: new Date(0) },
  }),
});

const router = t.router({
  refuse: t.procedure.query((): never => {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'not for you', cause: new Error('quota') });
  }),
});

describe('router configuration over IPC', () => {
  it('applies the router’s errorFormatter, and its transformer to the error shape', async () => {
    const harness = await createHarness({ router });
    const { client } = harness.openWindow();
    const error = await client.refuse.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const data = (error as TRPCClientError<typeof router>).data as { code: string; reason: string; at: Date };
    expect(data.code).toBe('FORBIDDEN');
    expect(data.reason).toBe('quota');
    expect(data.at).toBeInstanceOf(Date);
  });
});

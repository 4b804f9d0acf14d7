/** The handler uses whatever router it is given: its own errorFormatter and transformer apply. */
import { initTRPC, TRPCError } from '@trpc/server';
import { TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/main/trpc/init';
import { createHarness } from '../helpers/harness';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error, input }) => ({
    ...shape,
    data: { ...shape.data, reason: error.cause instanceof Error ? error.cause.message : null, at: new Date(0), input },
  }),
});

const router = t.router({
  refuse: t.procedure.query((): never => {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'not for you', cause: new Error('quota') });
  }),
  refuseInput: t.procedure
    .input((value: unknown) => value as { when: Date; tags: Set<string> })
    .mutation((): never => {
      throw new TRPCError({ code: 'CONFLICT', message: 'taken' });
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

  it('gives the errorFormatter the deserialised input, as tRPC’s adapters do (Dates and Sets intact)', async () => {
    const harness = await createHarness({ router });
    const { client } = harness.openWindow();
    const when = new Date('2031-02-03T04:05:06.007Z');
    const error = await client.refuseInput.mutate({ when, tags: new Set(['x']) }).catch((e: unknown) => e);
    const data = (error as TRPCClientError<typeof router>).data as { code: string; input: { when: Date; tags: Set<string> } };
    expect(data.code).toBe('CONFLICT');
    expect(data.input.when).toBeInstanceOf(Date);
    expect(data.input.when.toISOString()).toBe(when.toISOString());
    expect(data.input.tags).toEqual(new Set(['x']));
  });
});

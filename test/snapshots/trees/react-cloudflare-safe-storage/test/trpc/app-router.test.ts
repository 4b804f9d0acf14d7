/** The demo procedures of src/main/trpc/router.ts, called over the IPC bridge like the UI does. */
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../../src/main/trpc/router';
import { createHarness, TEST_APP } from '../helpers/harness';

describe('app router over IPC', () => {
  it('app.info is public; me needs a verified session', async () => {
    const harness = await createHarness({ router: appRouter });
    const signedOut = harness.openWindow({ getToken: async () => null });
    expect(await signedOut.client.app.info.query()).toEqual(TEST_APP);
    const error = await signedOut.client.me.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<typeof appRouter>).data?.code).toBe('UNAUTHORIZED');

    const token = await harness.key.sign({ sub: 'user_me', sid: 'sess_me' });
    const signedIn = harness.openWindow({ getToken: async () => token });
    expect(await signedIn.client.me.query()).toEqual({ userId: 'user_me', sessionId: 'sess_me' });
  });

  it('clock delivers Dates and stops when unsubscribed', async () => {
    const harness = await createHarness({ router: appRouter });
    const { client } = harness.openWindow();
    const first = await new Promise<Date>((resolve, reject) => {
      const sub = client.clock.subscribe(undefined, {
        onData: (date) => {
          sub.unsubscribe();
          resolve(date);
        },
        onError: reject,
      });
    });
    expect(first).toBeInstanceOf(Date);
    expect(Math.abs(first.getTime() - Date.now())).toBeLessThan(60_000);
  });
});

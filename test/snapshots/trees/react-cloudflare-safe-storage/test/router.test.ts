/** The procedures of src/main/router.ts, called with the context main gives them. */
import { describe, expect, it } from 'vitest';
import type { SessionAuth } from '../src/kit/main/auth/verify-session';
import { appRouter } from '../src/main/router';

const app = { name: 'Test App', version: '1.2.3' };
const caller = (auth: Partial<SessionAuth> | null) =>
  appRouter.createCaller({ windowId: 1, token: null, auth: auth as SessionAuth | null, getFreshToken: async () => null, app });

describe('app router', () => {
  it('app.info is public; me needs an active session', async () => {
    expect(await caller(null).app.info()).toEqual(app);
    await expect(caller(null).me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const signedIn = caller({ userId: 'user_me', sessionId: 'sess_me', status: 'active' } as Partial<SessionAuth>);
    expect(await signedIn.me()).toEqual({ userId: 'user_me', sessionId: 'sess_me' });
  });

  it('clock delivers Dates', async () => {
    for await (const date of await caller(null).clock()) {
      expect(date).toBeInstanceOf(Date);
      break;
    }
  });
});

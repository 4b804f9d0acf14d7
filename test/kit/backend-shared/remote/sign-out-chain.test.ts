/**
 * Sign-out in one window, through the whole chain: another window still holds a session token
 * the backend would accept for up to a minute, but main no longer forwards it (src/kit/main/session-sync).
 */
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';

import { createSessionVerifier } from '../../src/kit/main/auth/verify-session';
import { connectBackend } from '../../src/kit/main/remote/backend';
import { createRevocableVerifier, createSessionSync, withoutRevokedTokens } from '../../src/kit/main/session-sync';
import { APP_ORIGIN } from '../helpers/fake-ipc';
import { createAppHarness, useLiveBackend } from '../helpers/live-backend';

const live = useLiveBackend();

describe('sign-out everywhere, through the backend', () => {
  it("another window's still-valid session token no longer reaches the backend", async () => {
    const sent: Array<string | null> = [];
    connectBackend({
      backendUrl: live.backend.url,
      fetch: (input, init) => (sent.push(new Headers(init?.headers).get('authorization')), fetch(input, init)),
    });
    const verifier = createRevocableVerifier(createSessionVerifier({ jwtKey: live.key.pem, authorizedParties: [APP_ORIGIN] }));
    const sync = createSessionSync();
    const harness = await createAppHarness({
      key: live.key,
      verifier,
      onIdentityChange: sync.identityChanged,
      wrapContext: (createContext) => withoutRevokedTokens(createContext, verifier),
    });
    sync.attach({ ...harness.registration, revoke: (ids) => verifier.revoke(ids) });

    const token = await live.key.sign({ sub: 'user_everywhere', sid: 'sess_everywhere' });
    let tokenInA: string | null = token;
    const a = harness.openWindow({ getToken: async () => tokenInA });
    const b = harness.openWindow({ getToken: async () => token }); // B's Clerk has not reloaded yet
    expect(await a.client.remote.me.query()).toEqual({ userId: 'user_everywhere', sessionId: 'sess_everywhere' });
    expect(await b.client.remote.me.query()).toEqual({ userId: 'user_everywhere', sessionId: 'sess_everywhere' });

    tokenInA = null; // signs out in window A
    await a.client.app.info.query();
    sent.length = 0;
    const error = await b.client.remote.me.query().catch((e: unknown) => e);
    expect((error as TRPCClientError<any>).data?.code).toBe('UNAUTHORIZED');
    expect(sent).toEqual([null]); // the stale token never left main
  });
});

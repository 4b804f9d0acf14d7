/**
 * One call end to end, offline: the renderer's tRPC link → IPC → main → main's backend client →
 * the real backend, which verifies the Clerk session token (signed here with a local key).
 */
import { TRPCClientError } from '@trpc/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectBackend } from '../src/kit/main/remote/backend';
import { createTestKey } from './helpers/keys';
import { createAppHarness, useLiveBackend } from './helpers/live-backend';

const live = useLiveBackend();

beforeEach(() => connectBackend({ backendUrl: live.backend.url }));

const errorCode = (error: unknown) =>
  error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;

describe('the session token from the renderer to the backend', () => {
  it("the backend sees the signed-in window's user", async () => {
    const harness = await createAppHarness({ key: live.key });
    const token = await live.key.sign({ sub: 'user_alice', sid: 'sess_alice' });
    const { client } = harness.openWindow({ getToken: async () => token });
    expect(await client.remote.me.query()).toEqual({ userId: 'user_alice', sessionId: 'sess_alice' });
  });

  it('a token signed with another key is refused', async () => {
    const harness = await createAppHarness({ key: live.key });
    const forged = await (await createTestKey()).sign({ sub: 'user_mallory', sid: 'sess_mallory' });
    const { client } = harness.openWindow({ getToken: async () => forged });
    expect(errorCode(await client.remote.me.query().catch((error: unknown) => error))).toBe('UNAUTHORIZED');
  });
});

import { afterAll, beforeAll } from 'vitest';

import { startTestBackend, type RunningBackend } from '../../backend/test/helpers/backend';
import { forwardToBackend } from '../../src/kit/main/remote/forward';
import { appRouter, type AppRouter } from '../../src/main/router';
import { createHarness, type HarnessOptions } from './harness';
import { createTestKey, TEST_AZP, type TestKey } from './keys';

/** The app's router served over the fake IPC as main/index.ts serves it: `remote.*` forwarded to the backend. */
export function createAppHarness(options: Omit<HarnessOptions<typeof appRouter>, 'router' | 'forward'> = {}) {
  return createHarness<typeof appRouter, AppRouter>({ ...options, router: appRouter, forward: { remote: forwardToBackend } });
}

export type AppHarness = Awaited<ReturnType<typeof createAppHarness>>;

export interface LiveBackend {
  /** The local signing key the backend trusts (CLERK_JWT_KEY): sign test session tokens with it. */
  key: TestKey;
  backend: RunningBackend;
}

/**
 * The real backend for the calling test file, offline: started once before its tests with a fresh
 * local key, stopped after them. Read `key` and `backend` inside tests, not at the file's top level.
 */
export function useLiveBackend(): LiveBackend {
  const live = {} as LiveBackend;
  beforeAll(async () => {
    live.key = await createTestKey();
    live.backend = await startTestBackend({ CLERK_JWT_KEY: live.key.pem, CLERK_AUTHORIZED_PARTIES: TEST_AZP });
  }, 60_000);
  afterAll(async () => {
    await live.backend?.stop();
  });
  return live;
}

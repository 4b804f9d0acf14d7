import { afterAll, beforeAll } from 'vitest';

import { startTestBackend, type RunningBackend } from '../../backend/test/helpers/start-backend';
import { createTestKey, TEST_AZP, type TestKey } from './keys';

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

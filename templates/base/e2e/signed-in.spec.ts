/**
 * Signed in with Clerk's testing support (e2e/clerk.ts): `me` answers the test user through IPC
 * and, with a backend, through the backend (main forwards the window's token; the backend verifies
 * it). Skipped without CLERK_SECRET_KEY, VITE_CLERK_PUBLISHABLE_KEY and a test user.
 */
import { HAS_BACKEND } from './app-config';
import { clerkTestCredentials, sessionToken, signInWithTicket, signOut } from './clerk';
import { callOverIpc, expect, test } from './fixtures';

const credentials = clerkTestCredentials();

test.describe('signed in', () => {
  test.skip(
    !credentials,
    'set CLERK_SECRET_KEY (sk_test_…), VITE_CLERK_PUBLISHABLE_KEY and E2E_CLERK_USER_ID or E2E_CLERK_USER_EMAIL',
  );

  for (const [path, through] of [
    ['me', 'IPC'],
    ['remote.me', 'the backend'],
  ] as const) {
    test(`me returns the signed-in user through ${through}`, async ({ appWindow }) => {
      if (path === 'remote.me') {
        test.skip(!HAS_BACKEND, 'this app has no backend');
        test.skip(!process.env.E2E_BACKEND_RUNNING, 'start the backend first (dev:backend) and set E2E_BACKEND_RUNNING=1');
      }
      const userId = await signInWithTicket(appWindow, credentials!);
      try {
        const answer = await callOverIpc(appWindow, path, await sessionToken(appWindow));
        expect(answer).toMatchObject({ type: 'result', data: { json: { userId } } });
      } finally {
        await signOut(appWindow);
      }
    });
  }
});

/**
 * Clerk's testing support, for the signed-in tests: a sign-in token from Clerk's Backend API for a
 * test user of a development instance, redeemed in the app with the `ticket` strategy (no password,
 * no email code, no bot check). The secret key stays in the test runner; the app never sees it.
 *
 *   CLERK_SECRET_KEY              sk_test_… of the same instance as VITE_CLERK_PUBLISHABLE_KEY
 *   E2E_CLERK_USER_ID             user_… of a test user, or
 *   E2E_CLERK_USER_EMAIL          that user's email address (looked up)
 */
import type { Page } from '@playwright/test';

/** The credentials from the environment, or null (the signed-in tests are then skipped). */
export function clerkTestCredentials(env = process.env) {
  const secretKey = env.CLERK_SECRET_KEY?.trim();
  const userId = env.E2E_CLERK_USER_ID?.trim() || undefined;
  const email = env.E2E_CLERK_USER_EMAIL?.trim() || undefined;
  if (!secretKey?.startsWith('sk_test_') || !env.VITE_CLERK_PUBLISHABLE_KEY?.trim() || (!userId && !email)) return null;
  return { secretKey, userId, email };
}
type ClerkTestCredentials = NonNullable<ReturnType<typeof clerkTestCredentials>>;

async function backendApi<T>(secretKey: string, path: string, body?: object): Promise<T> {
  const response = await fetch(`https://api.clerk.com/v1${path}`, {
    method: body ? 'POST' : 'GET',
    body: body && JSON.stringify(body),
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
  });
  if (!response.ok) throw new Error(`Clerk Backend API ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Signs the test user in inside the app's window (clerk-js is its `window.Clerk` in every framework); answers the user id. */
export async function signInWithTicket(page: Page, { secretKey, userId, email }: ClerkTestCredentials): Promise<string> {
  const query = `/users?email_address=${encodeURIComponent(email ?? '')}`;
  const id = userId ?? (await backendApi<{ id: string }[]>(secretKey, query))[0]?.id;
  if (!id) throw new Error(`No Clerk user with the email address ${email}`);
  const { token } = await backendApi<{ token: string }>(secretKey, '/sign_in_tokens', { user_id: id, expires_in_seconds: 120 });
  await page.waitForFunction(() => (globalThis as unknown as { Clerk?: ClerkInPage }).Clerk?.loaded === true);
  await page.evaluate(async (ticket) => {
    const clerk = (globalThis as unknown as { Clerk: ClerkInPage }).Clerk;
    const signIn = await clerk.client.signIn.create({ strategy: 'ticket', ticket });
    await clerk.setActive({ session: signIn.createdSessionId });
  }, token);
  return id;
}

/** The current session token in the page (what the app's tRPC link sends along). */
export async function sessionToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => (globalThis as unknown as { Clerk: ClerkInPage }).Clerk.session?.getToken() ?? null);
  if (!token) throw new Error('No Clerk session in the window');
  return token;
}

export async function signOut(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { Clerk: ClerkInPage }).Clerk.signOut());
}

/** The few members of clerk-js these helpers use. */
interface ClerkInPage {
  loaded: boolean;
  client: { signIn: { create(params: { strategy: 'ticket'; ticket: string }): Promise<{ createdSessionId: string | null }> } };
  session: { getToken(): Promise<string | null> } | null;
  setActive(params: { session: string | null }): Promise<void>;
  signOut(): Promise<void>;
}

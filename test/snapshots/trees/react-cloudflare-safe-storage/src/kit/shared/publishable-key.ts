/**
 * A Clerk publishable key is `pk_test_` or `pk_live_` and the base64 of the instance's Frontend API host and `$`
 * (`clerk.example.com$`): the host that serves the instance's public keys (JWKS) and the one origin the CSP must allow.
 */
const KEY_PATTERN = /^pk_(?:test|live)_([A-Za-z0-9+/=_-]+)$/;
const HOST_PATTERN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

/** The key's Frontend API host, or null when the key is missing or malformed. */
export function parsePublishableKey(key: string | null | undefined): { frontendApiHost: string } | null {
  const base64 = KEY_PATTERN.exec(key?.trim() ?? '')?.[1];
  let decoded: string;
  try {
    decoded = atob(base64?.replace(/-/g, '+').replace(/_/g, '/') ?? '');
  } catch {
    return null;
  }
  const host = decoded.slice(0, -1);
  return decoded.endsWith('$') && HOST_PATTERN.test(host) ? { frontendApiHost: host.toLowerCase() } : null;
}

/** Why `npm run build` refuses a VITE_CLERK_PUBLISHABLE_KEY (so a secret key never lands in out/), or null. */
export function publishableKeyBuildError(key: string | undefined): string | null {
  const value = key?.trim() ?? '';
  if (value === '' || parsePublishableKey(value)) return null;
  return value.startsWith('sk_')
    ? 'VITE_CLERK_PUBLISHABLE_KEY holds a secret key (sk_…), which must never ship in the app: use the publishable key (pk_test_… / pk_live_…) from the Clerk dashboard, API keys.'
    : 'VITE_CLERK_PUBLISHABLE_KEY is not a Clerk publishable key: copy pk_test_… or pk_live_… whole from the Clerk dashboard, API keys.';
}

/** The Frontend API host of a publishable key; throws a readable error when the key is malformed. */
export function frontendApiHostFromPublishableKey(key: string): string {
  const host = parsePublishableKey(key)?.frontendApiHost;
  if (host) return host;
  throw new Error('Invalid Clerk publishable key: expected pk_test_… or pk_live_… as shown in the Clerk dashboard (API keys).');
}

export const jwksUrlForHost = (frontendApiHost: string): string => `https://${frontendApiHost}/.well-known/jwks.json`;

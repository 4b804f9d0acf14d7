/**
 * Clerk publishable keys look like `pk_test_<base64>` or `pk_live_<base64>`, where the base64 part
 * decodes to the instance's Frontend API host followed by `$` (e.g. `clerk.example.com$`).
 * That host serves the instance's public keys (JWKS) and is the one origin the CSP must allow.
 */

export interface PublishableKeyInfo {
  /** Frontend API host, e.g. `happy-cat-12.clerk.accounts.dev` */
  frontendApiHost: string;
  instanceType: 'development' | 'production';
}

const KEY_PATTERN = /^pk_(test|live)_([A-Za-z0-9+/=_-]+)$/;
const HOST_PATTERN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

function decodeBase64(value: string): string | null {
  try {
    return atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
}

/** Decodes a publishable key, or returns null when it is missing or malformed. */
export function parsePublishableKey(key: string | null | undefined): PublishableKeyInfo | null {
  const match = KEY_PATTERN.exec(key?.trim() ?? '');
  if (!match) return null;
  const decoded = decodeBase64(match[2]!);
  if (!decoded?.endsWith('$')) return null;
  const host = decoded.slice(0, -1);
  if (!HOST_PATTERN.test(host)) return null;
  return { frontendApiHost: host.toLowerCase(), instanceType: match[1] === 'live' ? 'production' : 'development' };
}

/** The Frontend API host of a publishable key; throws a readable error when the key is malformed. */
export function frontendApiHostFromPublishableKey(key: string): string {
  const info = parsePublishableKey(key);
  if (!info) {
    throw new Error('Invalid Clerk publishable key: expected pk_test_… or pk_live_… as shown in the Clerk dashboard (API keys).');
  }
  return info.frontendApiHost;
}

/** URL of the instance's JSON Web Key Set. */
export function jwksUrlForHost(frontendApiHost: string): string {
  return `https://${frontendApiHost}/.well-known/jwks.json`;
}

/**
 * What `setup` decides, apart from the talking (scripts/setup.mjs): which instance a secret key
 * opens, what to change on it, and what to write into which env file. The Backend API calls are in
 * `clerkBackendApi`, through the `fetch` it is given.
 */
import { createPublicKey } from 'node:crypto';

import { parseDotenv } from './preflight-checks.mjs';

export const NATIVE_API_PAGE = 'https://dashboard.clerk.com/~/native-applications';

/** `sk_test_…` opens a development instance, `sk_live_…` production (only with --production). */
export function instanceOfSecretKey(key, { production }) {
  if (/^sk_test_\w+$/.test(key)) return { environment: 'development' };
  if (/^sk_live_\w+$/.test(key)) {
    if (production) return { environment: 'production' };
    return { refusal: 'that key opens a production instance: run again with --production to change it' };
  }
  if (key.startsWith('pk_')) return { refusal: 'that is the publishable key: setup needs the secret key (sk_test_…)' };
  return {
    refusal:
      'a secret key starts with sk_test_ (development) or sk_live_ (production); copy it from the Clerk dashboard → API keys',
  };
}

export class ClerkApiError extends Error {}

/** The Backend API calls setup makes; a non-2xx answer throws with Clerk's own message. */
export function clerkBackendApi({ apiUrl, secretKey, fetch }) {
  async function call(method, path, body) {
    let response;
    try {
      response = await fetch(`${apiUrl}/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${secretKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      throw new ClerkApiError(
        `could not reach Clerk's Backend API at ${apiUrl} (${error.cause?.message ?? error.message}): check the network or proxy`,
      );
    }
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (response.ok) return data;
    const reason = data?.errors?.map((error) => error.long_message || error.message).join('; ') || `HTTP ${response.status}`;
    const hint = response.status === 401 ? ': copy the secret key again from the Clerk dashboard → API keys' : '';
    throw new ClerkApiError(`Clerk refused ${method} /v1${path}: ${reason}${hint}`);
  }
  return {
    instance: () => call('GET', '/instance'),
    setAllowedOrigins: (origins) => call('PATCH', '/instance', { allowed_origins: origins }),
    domains: () => call('GET', '/domains'),
    redirectUrls: () => call('GET', '/redirect_urls?limit=500'),
    addRedirectUrl: (url) => call('POST', '/redirect_urls', { url }),
    jwks: () => call('GET', '/jwks'),
  };
}

/** What the instance lacks: the whole new allowed-origins list (PATCH replaces it), the redirect URL. */
export function missingSettings({ instance, redirectUrls, origins, redirectUrl }) {
  const current = instance.allowed_origins ?? [];
  const addOrigins = origins.filter((origin) => !current.includes(origin));
  return {
    addOrigins,
    allowedOrigins: addOrigins.length > 0 ? [...current, ...addOrigins] : null,
    redirectUrl: redirectUrls.some((entry) => entry.url === redirectUrl) ? null : redirectUrl,
  };
}

/** The publishable key of the instance's primary domain: `pk_test_` + base64 of `<frontend API host>$`. */
export function publishableKeyOf(domains, environment) {
  const primary = domains.data.find((domain) => !domain.is_satellite) ?? domains.data[0];
  if (!primary) throw new ClerkApiError('the instance has no domain: open it once in the Clerk dashboard');
  const host = new URL(primary.frontend_api_url).host;
  return `pk_${environment === 'production' ? 'live' : 'test'}_${Buffer.from(`${host}$`).toString('base64')}`;
}

/** The instance's session-token signing key as PEM, written on one line with \n as the example files do. */
export function jwtKeyOf(jwks) {
  const key = jwks.keys.find((entry) => entry.kty === 'RSA' && entry.use === 'sig') ?? jwks.keys[0];
  if (!key) throw new ClerkApiError('the instance has no signing key yet');
  const pem = createPublicKey({ key, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString().trim();
  return `"${pem.replace(/\n/g, '\\n')}"`;
}

const isPlaceholder = (value) => value === '' || value.includes('...') || value.includes('…');
const sameValue = (a, b) => a.replace(/\\n/g, '\n').trim() === b.replace(/^"|"$/g, '').replace(/\\n/g, '\n').trim();

/**
 * Sets each variable in a dotenv text: an empty or placeholder value is replaced, a missing one is
 * added at the end, and a value the user set differently is kept (and listed in `kept`).
 */
export function mergeEnv(text, values) {
  const current = parseDotenv(text);
  let merged = text;
  const written = [];
  const kept = [];
  for (const [name, value] of Object.entries(values)) {
    const existing = current[name];
    if (existing !== undefined && sameValue(existing, value)) continue;
    if (existing !== undefined && !isPlaceholder(existing.trim())) {
      kept.push(name);
      continue;
    }
    const line = new RegExp(`^[ \\t]*(export[ \\t]+)?${name}[ \\t]*=.*$`, 'm');
    merged =
      existing === undefined
        ? `${merged.replace(/\n*$/, merged ? '\n' : '')}${name}=${value}\n`
        : merged.replace(line, () => `${name}=${value}`);
    written.push(name);
  }
  return { text: merged, written, kept };
}

/**
 * The renderer's Content-Security-Policy, sent by main as a response header (never a <meta> tag,
 * so a page cannot weaken it). Pure: the same inputs always give the same policy.
 *
 * Clerk loads its sign-in UI at runtime from the instance's Frontend API (FAPI) host, decoded from
 * the publishable key, at the exact version pinned in src/renderer/src/lib/clerk-ui-version.ts; its avatars come from img.clerk.com and its bot protection (Cloudflare
 * Turnstile) from challenges.cloudflare.com. See the "Content Security Policy" section of
 * @clerk/electron's README and https://clerk.com/docs/guides/secure/best-practices/csp-headers
 * (Clerk Billing and other features need more origins).
 *
 * In development the page comes from the Vite dev server, which also needs a websocket for HMR.
 */

export interface CspOptions {
  /** e.g. "your-slug.clerk.accounts.dev"; null when the publishable key is missing (setup screen). */
  frontendApiHost: string | null;
  /** e.g. "http://localhost:5173"; only in development. */
  devServerOrigin?: string | null;
}

const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';
const CLERK_IMAGES_ORIGIN = 'https://img.clerk.com';

/** A host name with an optional port, nothing that could end a directive or add a source. */
const HOST_PATTERN = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?$/i;

function assertHost(host: string): string {
  if (!HOST_PATTERN.test(host)) throw new Error(`Not a valid host for the Content-Security-Policy: ${JSON.stringify(host)}`);
  return host;
}

function assertHttpOrigin(origin: string): URL {
  const url = new URL(origin);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) {
    throw new Error(`Not an http(s) origin for the Content-Security-Policy: ${JSON.stringify(origin)}`);
  }
  return url;
}

export function buildContentSecurityPolicy(options: CspOptions): string {
  const fapi = options.frontendApiHost === null ? [] : [`https://${assertHost(options.frontendApiHost)}`];
  const dev = options.devServerOrigin ? assertHttpOrigin(options.devServerOrigin) : null;
  const devConnect = dev ? [dev.origin, `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`] : [];

  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // No inline scripts in a built app: the page has none, and Clerk's documented policy needs
    // only its Frontend API host (clerk-js and its UI) and Turnstile. In development, Vite's React
    // refresh preamble is an inline script, so development alone allows them.
    'script-src': ["'self'", ...(dev ? ["'unsafe-inline'"] : []), ...fapi, TURNSTILE_ORIGIN],
    'connect-src': ["'self'", ...fapi, ...devConnect],
    'img-src': ["'self'", CLERK_IMAGES_ORIGIN, 'data:', 'blob:'],
    'style-src': ["'self'", "'unsafe-inline'"],
    'font-src': ["'self'", 'data:'],
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'self'", TURNSTILE_ORIGIN],
    'form-action': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

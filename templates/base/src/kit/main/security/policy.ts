/**
 * What the app's pages may do, as pure decisions (no Electron): their origins, the
 * Content-Security-Policy, navigation, permissions and the files of the built renderer.
 * ./enforce applies them to Electron.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * `scheme://host[:port]` of a URL, or null for URLs without a host (about:blank, data:, junk).
 * Built by hand: Node's `new URL('my-app://renderer/').origin` is "null", because only Chromium
 * knows the app registered its scheme as standard.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** A URL as logs may show it: its origin only (paths and queries can carry data, and logs are kept). */
export function describeUrlForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : `a ${parsed.protocol} URL`;
  } catch {
    return 'an unparsable URL';
  }
}

/** Whether `url` belongs to one of the app's own origins (exact origin match, no prefixes). */
export function isAppUrl(url: string, appOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && appOrigins.some((allowed) => allowed.toLowerCase() === origin);
}

/*
 * The Content-Security-Policy, sent by main as a response header (never a <meta> tag, so a page
 * cannot weaken it). Clerk loads its sign-in UI from the instance's Frontend API host, avatars from
 * img.clerk.com and bot protection (Turnstile) from challenges.cloudflare.com: see the "Content
 * Security Policy" section of @clerk/electron's README and
 * https://clerk.com/docs/guides/secure/best-practices/csp-headers (Clerk Billing needs more origins).
 */
export interface CspOptions {
  /** e.g. "your-slug.clerk.accounts.dev"; null when the publishable key is missing (setup screen). */
  frontendApiHost: string | null;
  /** e.g. "http://localhost:5173"; only in development (Vite's HMR also needs its websocket). */
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
    // No inline scripts in a built app; in development, Vite's React refresh preamble is one.
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

/*
 * Navigation: the app's pages stay on the app's origins; nothing else loads inside the app. An
 * https link to an allowed external host (Clerk's, and EXTERNAL_LINK_HOSTS in src/kit/main/config.ts)
 * opens in the user's browser; anything else is dropped, so an injected script cannot use the
 * browser to send data out around the CSP. (Clerk's OAuth uses its own bridge, not navigation.)
 */
export type NavigationDecision = 'allow' | 'open-in-browser' | 'deny';

export interface NavigationPolicy {
  /** The app's own origins (the packaged renderer, plus the dev server in development). */
  appOrigins: readonly string[];
  /** Hosts whose https pages may open in the browser; `example.com` covers its subdomains, not look-alikes. */
  externalHosts: readonly string[];
}

function httpsHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && !parsed.username && !parsed.password ? parsed.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

export function isAllowedExternalUrl(url: string, externalHosts: readonly string[]): boolean {
  const host = httpsHost(url);
  if (host === null) return false;
  return externalHosts.some((allowed) => {
    const entry = allowed.toLowerCase().replace(/^\.+/, '');
    return entry !== '' && (host === entry || host.endsWith(`.${entry}`));
  });
}

/** A top-level navigation or redirect of an app window (`will-navigate`, `will-redirect`). */
export function decideNavigation(url: string, policy: NavigationPolicy): NavigationDecision {
  if (isAppUrl(url, policy.appOrigins)) return 'allow';
  return isAllowedExternalUrl(url, policy.externalHosts) ? 'open-in-browser' : 'deny';
}

/** `window.open` and `target="_blank"` links: the app never opens a window for web content. */
export function decideWindowOpen(url: string, policy: NavigationPolicy): Exclude<NavigationDecision, 'allow'> {
  return isAllowedExternalUrl(url, policy.externalHosts) ? 'open-in-browser' : 'deny';
}

/**
 * The backstop after a main frame committed a navigation (`did-navigate`): a window whose page is
 * no longer the app's is closed. DevTools and Chromium's error pages (no app origin, so they can
 * call nothing) are left alone.
 */
export function mustCloseAfterCommit(url: string, appOrigins: readonly string[]): boolean {
  if (isAppUrl(url, appOrigins)) return false;
  return !/^(devtools|chrome-error):/i.test(url);
}

/**
 * Web permissions granted, and only to the app's own pages (Chromium grants most by default inside
 * Electron). Clerk's UI copies backup codes to the clipboard; add e.g. 'notifications' when needed.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  appOrigins: readonly string[],
  allowed: readonly string[] = ALLOWED_PERMISSIONS,
): boolean {
  return allowed.includes(permission) && isAppUrl(requestingUrl, appOrigins);
}

export interface RendererOrigin {
  scheme: string;
  host: string;
}

/**
 * Maps a `<scheme>://renderer/...` request to a file of the built renderer, or null. The path is
 * percent-decoded once and must stay inside `rootDir` after normalisation (`%2e%2e/`, `..%2f`,
 * encoded backslashes and NUL bytes cannot escape); paths without an extension (client-side
 * routes) serve `index.html`.
 */
export function resolveRendererFile(rootDir: string, requestUrl: string, origin: RendererOrigin): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${origin.scheme}:` || url.host !== origin.host) return null;

  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (path.includes('\0') || path.includes('\\')) return null;

  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  const wanted = lastSegment === '' || extname(lastSegment) === '' ? 'index.html' : path;

  const root = resolve(rootDir);
  const file = resolve(root, `.${sep}${wanted.replace(/^\/+/, '')}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Chromium refuses module scripts not served as JavaScript, so the type is never guessed. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

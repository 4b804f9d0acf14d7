/** What the app's pages may do, as pure decisions (CSP, navigation, permissions, renderer files); ./enforce applies them. */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/** `scheme://host[:port]`, or null. By hand: Node's `new URL('my-app://renderer/').origin` is "null". */
export function originOf(url: string): string | null {
  const parsed = URL.parse(url);
  return parsed?.host ? `${parsed.protocol}//${parsed.host}`.toLowerCase() : null;
}

/** A URL as logs may show it: its origin only (paths and queries can carry data). */
export function describeUrlForLog(url: string): string {
  const protocol = URL.parse(url)?.protocol;
  return originOf(url) ?? (protocol ? `a ${protocol} URL` : 'an unparsable URL');
}

/** Whether `url` belongs to one of the app's own origins (exact origin match, no prefixes). */
export function isAppUrl(url: string, appOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && appOrigins.some((allowed) => allowed.toLowerCase() === origin);
}

const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';
/** A host name with an optional port, nothing that could end a directive or add a source. */
const HOST_PATTERN = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?$/i;

/**
 * The CSP, sent as a response header (a page cannot weaken it). Clerk needs its Frontend API host, img.clerk.com
 * and Turnstile (https://clerk.com/docs/guides/secure/best-practices/csp-headers); `devServerOrigin` adds Vite's.
 */
export function buildContentSecurityPolicy(options: { frontendApiHost: string | null; devServerOrigin?: string | null }): string {
  const host = options.frontendApiHost;
  if (host !== null && !HOST_PATTERN.test(host)) {
    throw new Error(`Not a valid host for the Content-Security-Policy: ${JSON.stringify(host)}`);
  }
  const fapi = host === null ? [] : [`https://${host}`];
  const dev = options.devServerOrigin ? URL.parse(options.devServerOrigin) : null;
  if (options.devServerOrigin && (!/^https?:$/.test(dev?.protocol ?? '') || dev?.origin !== options.devServerOrigin)) {
    throw new Error(`Not an http(s) origin for the Content-Security-Policy: ${JSON.stringify(options.devServerOrigin)}`);
  }
  const devConnect = dev ? [dev.origin, `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`] : [];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // No inline scripts in a built app; in development, Vite's React refresh preamble is one.
    'script-src': ["'self'", ...(dev ? ["'unsafe-inline'"] : []), ...fapi, TURNSTILE_ORIGIN],
    'connect-src': ["'self'", ...fapi, ...devConnect],
    'img-src': ["'self'", 'https://img.clerk.com', 'data:', 'blob:'],
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
 * Pages stay on the app's origins. An https link to an allowed host (`example.com` covers its subdomains) opens
 * in the browser; anything else is dropped, so an injected script cannot use the browser to get around the CSP.
 */
export type NavigationDecision = 'allow' | 'open-in-browser' | 'deny';
export type NavigationPolicy = { appOrigins: readonly string[]; externalHosts: readonly string[] };

export function isAllowedExternalUrl(url: string, externalHosts: readonly string[]): boolean {
  const parsed = URL.parse(url);
  if (parsed?.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return externalHosts.some((allowed) => {
    const entry = allowed.toLowerCase().replace(/^\.+/, '');
    return entry !== '' && (host === entry || host.endsWith(`.${entry}`));
  });
}

/** A top-level navigation or redirect of an app window (`will-navigate`, `will-redirect`). */
export function decideNavigation(url: string, policy: NavigationPolicy): NavigationDecision {
  return isAppUrl(url, policy.appOrigins) ? 'allow' : decideWindowOpen(url, policy);
}

/** `window.open` and `target="_blank"`: the app never opens a window for web content. */
export function decideWindowOpen(url: string, policy: NavigationPolicy): Exclude<NavigationDecision, 'allow'> {
  return isAllowedExternalUrl(url, policy.externalHosts) ? 'open-in-browser' : 'deny';
}

/** After a main frame navigated: a window no longer on the app is closed (DevTools and error pages stay). */
export function mustCloseAfterCommit(url: string, appOrigins: readonly string[]): boolean {
  return !isAppUrl(url, appOrigins) && !/^(devtools|chrome-error):/i.test(url);
}

/** Permissions granted, and only to the app's pages. Clerk's UI copies backup codes to the clipboard. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  appOrigins: readonly string[],
  allowed: readonly string[] = ALLOWED_PERMISSIONS,
): boolean {
  return allowed.includes(permission) && isAppUrl(requestingUrl, appOrigins);
}

export type RendererOrigin = { scheme: string; host: string };

/**
 * The built renderer's file for a `<scheme>://renderer/...` request, or null: decoded once, it must stay inside
 * `rootDir`; paths without an extension (client-side routes) serve `index.html`.
 */
export function resolveRendererFile(rootDir: string, requestUrl: string, origin: RendererOrigin): string | null {
  const url = URL.parse(requestUrl);
  if (url?.protocol !== `${origin.scheme}:` || url.host !== origin.host) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  const wanted = extname(lastSegment) === '' ? 'index.html' : path;
  const root = resolve(rootDir);
  const file = resolve(root, `.${sep}${wanted.replace(/^\/+/, '')}`);
  const inside = relative(root, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? null : file;
}

const TEXT = 'charset=utf-8';
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': `text/html; ${TEXT}`,
  '.js': `text/javascript; ${TEXT}`,
  '.mjs': `text/javascript; ${TEXT}`,
  '.css': `text/css; ${TEXT}`,
  '.json': `application/json; ${TEXT}`,
  '.map': `application/json; ${TEXT}`,
  '.txt': `text/plain; ${TEXT}`,
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
};

/** Chromium refuses module scripts not served as JavaScript, so the type is never guessed. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

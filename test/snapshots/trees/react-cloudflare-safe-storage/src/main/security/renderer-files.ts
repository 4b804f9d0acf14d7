/**
 * Maps a `<scheme>://renderer/...` request to a file of the built renderer, or refuses it.
 * Pure (no Electron, no disk), so the path-traversal guard is unit-tested.
 *
 * - only our scheme and host are served;
 * - the path is percent-decoded once, then must stay inside `rootDir` after normalisation, so
 *   `/../`, `%2e%2e/`, `..%2f`, encoded backslashes and NUL bytes cannot reach other files;
 * - `/` and paths without a file extension (client-side routes) serve `index.html`.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export interface RendererOrigin {
  scheme: string;
  host: string;
}

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

/**
 * The Content-Type to serve a renderer file with. Chromium refuses module scripts that are not
 * served as JavaScript, so we do not leave this to guessing.
 */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

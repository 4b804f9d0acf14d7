/**
 * Origins, compared the way Chromium does for the app's own pages.
 *
 * `new URL('my-app://renderer/').origin` is "null" in Node, because Node does not know that the
 * app registered `my-app` as a standard scheme. Chromium does, so a page served from
 * `my-app://renderer/index.html` has the origin `my-app://renderer`. We therefore build the origin
 * from the protocol and host ourselves, for every scheme alike.
 */

/** `scheme://host[:port]` of a URL, or null for URLs without a host (about:blank, data:, junk). */
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

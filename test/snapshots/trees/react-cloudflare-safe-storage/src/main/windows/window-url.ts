/**
 * The URL of a window that shows `route` of the app: the renderer's own URL with the route as its
 * hash (`#/notes`), so every window loads the same page from the same origin (same CSP, same
 * bridge) and the page picks its view from the hash. Pure.
 */

/** A route is a path inside the app: `/`, `/notes`, `/notes/42?tab=a`. Nothing that could leave it. */
const ROUTE_PATTERN = /^\/[A-Za-z0-9\-._~/?=&%]*$/;

export function isAppRoute(route: string): boolean {
  return ROUTE_PATTERN.test(route) && !route.startsWith('//') && route.length <= 512;
}

export function windowUrl(rendererUrl: string, route = '/'): string {
  if (!isAppRoute(route)) throw new Error(`Not a route of the app: ${JSON.stringify(route)}`);
  const url = new URL(rendererUrl);
  url.hash = route === '/' ? '' : route;
  return url.href;
}

/** The route a page was opened with (its `location.hash`), `/` when none. */
export function routeFromHash(hash: string): string {
  const route = hash.startsWith('#') ? hash.slice(1) : hash;
  return route !== '' && isAppRoute(route) ? route : '/';
}

/**
 * Routes of the app's windows, and `windows.open`, free of Electron so the router loads in plain Node.
 * A route is the hash of the renderer's URL (`#/notes`): every window loads the same page and origin.
 */
import { TRPCError } from '@trpc/server';
import { publicProcedure, router } from './trpc/init';

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

/** Windows open at once past which `windows.open` refuses (a page looping on it cannot flood the desktop). */
export const MAX_OPEN_WINDOWS = 20;

let opener: ((route: string) => { webContents: { id: number } }) | null = null;
let openWindowCount: () => number = () => 0;

/** The window kit registers itself; `countOpen`: how many of the app's windows are open now. */
export function setWindowOpener(open: typeof opener, countOpen: () => number = () => 0): void {
  opener = open;
  openWindowCount = countOpen;
}

export const windowsRouter = router({
  open: publicProcedure
    .input((value: unknown) => {
      const route = (value as { route?: unknown } | undefined)?.route ?? '/';
      if (typeof route !== 'string' || !isAppRoute(route))
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Not a route of the app.' });
      return { route };
    })
    .mutation(({ input }) => {
      if (!opener) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Windows cannot be opened yet.' });
      if (openWindowCount() >= MAX_OPEN_WINDOWS) {
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: `At most ${MAX_OPEN_WINDOWS} windows at once: close one first.`,
        });
      }
      return { windowId: opener(input.route).webContents.id };
    }),
});

/**
 * `windows.open`: the renderer asks main for another window of the app (the demo's "New window"
 * button). app.ts hands the kit over with `setWindowOpener` once the app is ready.
 */
import { TRPCError } from '@trpc/server';

import { publicProcedure, router } from '../trpc/init';
import { isAppRoute } from './window-url';

/** Windows open at once past which `windows.open` refuses (a page looping on it cannot flood the desktop). */
export const MAX_OPEN_WINDOWS = 20;

let opener: ((route: string) => { webContents: { id: number } }) | null = null;
let openWindowCount: () => number = () => 0;

/** `countOpen`: how many of the app's windows are open now. */
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

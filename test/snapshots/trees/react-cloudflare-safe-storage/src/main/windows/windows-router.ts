/**
 * `windows.open`: the renderer asks main for another window of the app (the demo's "New window"
 * button). main/index.ts hands the kit over with `setWindowOpener` once the app is ready.
 */
import { TRPCError } from '@trpc/server';

import { publicProcedure, router } from '../trpc/init';
import { isAppRoute } from './window-url';

let opener: ((route: string) => { webContents: { id: number } }) | null = null;

export function setWindowOpener(open: typeof opener): void {
  opener = open;
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
      return { windowId: opener(input.route).webContents.id };
    }),
});

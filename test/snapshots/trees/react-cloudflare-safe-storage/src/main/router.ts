/**
 * The router main serves to the renderer over IPC. README.md's "Add a procedure" shows public, protected and
 * subscription procedures (inputs: `npm install -D zod` first, or any Standard Schema library).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { protectedProcedure, publicProcedure, router } from '../kit/main/trpc/init';
import { updatesRouter } from '../kit/main/updates';
import { windowsRouter } from '../kit/main/window-routes';
import type { WithRemote } from '../kit/main/remote/forward';
import { offlineRouter } from '../kit/main/remote/offline';

export const appRouter = router({
  /** `offline.status`: whether the backend is reachable (src/kit/main/remote/offline.ts). */
  offline: offlineRouter,

  app: router({
    /** Name and version of the app. */
    info: publicProcedure.query(({ ctx }) => ({ name: ctx.app.name, version: ctx.app.version })),
  }),

  /** Auto-update: `status` (subscription), `check`, `install` (src/kit/main/updates). */
  updates: updatesRouter,

  /** `windows.open({ route })`: another window of the app (src/kit/main/windows). */
  windows: windowsRouter,

  /** The caller's user and session id, from the verified session token. */
  me: protectedProcedure.query(({ ctx }) => ({ userId: ctx.auth.userId, sessionId: ctx.auth.sessionId })),

  /** The current time every second, until the renderer unsubscribes or the window goes away. */
  clock: publicProcedure.subscription(async function* ({ signal }) {
    while (!signal?.aborted) {
      yield new Date();
      await sleep(1000, undefined, { signal }).catch(() => {}); // an abort ends the wait early
    }
  }),
});

/** What the renderer calls: these procedures, and every backend procedure under `remote` (src/kit/main/remote). */
export type AppRouter = WithRemote<typeof appRouter>;

import { z } from 'zod';
import { createNotesStore } from './notes-store';
import { protectedProcedure, publicProcedure, router } from './trpc';

// Demo storage: in memory, per server process (per isolate on Workers). Swap for a database
// (D1, KV, Postgres...) behind the same interface; the procedures do not change.
const notes = createNotesStore();

/** The backend's API. Main imports only its type (`BackendRouter`); no code is shared at run time. */
export const backendRouter = router({
  health: publicProcedure.query(() => ({ status: 'ok' as const, time: new Date() })),

  me: protectedProcedure.query(({ ctx }) => ({
    userId: ctx.auth.userId,
    sessionId: ctx.auth.sessionId,
  })),

  // A typical per-user resource: every query and mutation is scoped to the verified user id,
  // never to an id sent by the client.
  notes: router({
    list: protectedProcedure.query(({ ctx }) => notes.list(ctx.auth.userId)),
    add: protectedProcedure
      .input(z.object({ text: z.string().trim().min(1).max(500) }))
      .mutation(({ ctx, input }) => notes.add(ctx.auth.userId, input.text)),
  }),
});

export type BackendRouter = typeof backendRouter;

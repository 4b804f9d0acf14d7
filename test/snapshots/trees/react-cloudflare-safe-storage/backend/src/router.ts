import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { streamNoteChanges } from './live/note-changes';
import { NoteLimitError } from './notes-store';
import { protectedProcedure, publicProcedure, router } from './trpc';

/**
 * A protected procedure with the request's data services (`ctx.data`, see ./data.ts). The Worker
 * and the Node server always provide them; a context without them (e.g. a test caller) fails here.
 */
const dataProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.data) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'No database in the context.' });
  return next({ ctx: { data: ctx.data } });
});

const noteId = z.uuid('A note id is a UUID.');
/** Where a reconnecting stream resumes: tRPC's clients send the last event id they got. */
const resumeFrom = z.object({
  lastEventId: z
    .string()
    .regex(/^\d{1,15}$/, 'lastEventId is a change id.')
    .optional(),
});

/** Tells the user's other windows and devices; the note is already saved, so a failure here only logs. */
async function announce(changes: { notify(userId: string): Promise<void> }, userId: string): Promise<void> {
  await changes.notify(userId).catch((error: unknown) => console.error('notes: change signal failed:', error));
}

/** The backend's API. Main imports only its type (`BackendRouter`); no code is shared at run time. */
export const backendRouter = router({
  health: publicProcedure.query(() => ({ status: 'ok' as const, time: new Date() })),

  me: protectedProcedure.query(({ ctx }) => ({
    userId: ctx.auth.userId,
    sessionId: ctx.auth.sessionId,
  })),

  // A typical per-user resource: every query and mutation is scoped to the verified user id,
  // never to an id sent by the client (see ./notes-store.ts).
  notes: router({
    /** Newest first, `limit` per page; the next page: `{ cursor: <id of the last note> }`. */
    list: dataProcedure
      .input(
        z
          .object({
            cursor: noteId.optional(),
            limit: z.number().int().min(1).max(100).optional(),
          })
          .optional(),
      )
      .query(({ ctx, input }) => ctx.data.notes.list(ctx.auth.userId, { cursor: input?.cursor, limit: input?.limit ?? 50 })),

    add: dataProcedure
      .input(
        z.object({
          text: z.string().trim().min(1, 'A note needs some text.').max(500, 'A note has at most 500 characters.'),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        try {
          const note = await ctx.data.notes.add(ctx.auth.userId, input.text);
          await announce(ctx.data.changes, ctx.auth.userId);
          return note;
        } catch (error) {
          if (error instanceof NoteLimitError) throw new TRPCError({ code: 'FORBIDDEN', message: error.message });
          throw error;
        }
      }),

    remove: dataProcedure.input(z.object({ id: noteId })).mutation(async ({ ctx, input }) => {
      // Another user's note id gives the same answer as an unknown one.
      if (!(await ctx.data.notes.remove(ctx.auth.userId, input.id))) {
        throw new TRPCError({ code: 'NOT_FOUND', message: 'No such note.' });
      }
      await announce(ctx.data.changes, ctx.auth.userId);
      return { id: input.id };
    }),

    /**
     * The signed-in user's note changes as they happen (SSE). Event ids are positions in the
     * user's change log: tRPC's clients resume from the last one after a reconnect.
     */
    changes: dataProcedure.input(resumeFrom.optional()).subscription(({ ctx, input, signal }) =>
      streamNoteChanges({
        store: ctx.data.notes,
        changes: ctx.data.changes,
        userId: ctx.auth.userId,
        lastEventId: input?.lastEventId,
        signal,
      }),
    ),
  }),
});

export type BackendRouter = typeof backendRouter;

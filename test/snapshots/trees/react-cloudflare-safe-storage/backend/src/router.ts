import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { accessRefusal } from './kit/auth';
import { protectedProcedure, publicProcedure, router } from './kit/trpc';

/**
 * A protected procedure with the request's data services (`ctx.data`, ./data.ts) and the caller's
 * workspace (`ctx.workspace`: its active organization, else itself; ./notes-store.ts).
 */
const dataProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.data) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'No database in the context.' });
  return next({ ctx: { data: ctx.data, workspace: { userId: ctx.auth.userId, orgId: ctx.auth.orgId ?? null } } });
});

/** In an organization, changing its notes takes `org:notes:write` (backend/README.md says how to create it). */
const writeProcedure = dataProcedure.use(({ ctx, next }) => {
  const refusal = ctx.auth.orgId ? accessRefusal(ctx.auth, { permission: 'org:notes:write' }) : null;
  if (refusal) throw new TRPCError({ code: 'FORBIDDEN', message: refusal });
  return next();
});

const noteId = z.uuid('A note id is a UUID.');

/** The backend's API: the renderer calls it as `trpc.remote.<path>` (README.md, "Add a backend procedure"). */
export const backendRouter = router({
  health: publicProcedure.query(() => ({ status: 'ok' as const, time: new Date() })),

  me: protectedProcedure.query(({ ctx }) => ({ userId: ctx.auth.userId, sessionId: ctx.auth.sessionId })),

  notes: router({
    /** Newest first, `limit` per page; the next page: `{ cursor: <id of the last note> }`. */
    list: dataProcedure
      .input(z.object({ cursor: noteId.optional(), limit: z.number().int().min(1).max(100).optional() }).optional())
      .query(({ ctx, input }) => ctx.data.notes.list(ctx.workspace, { cursor: input?.cursor, limit: input?.limit ?? 50 })),

    add: writeProcedure
      .input(
        z.object({ text: z.string().trim().min(1, 'A note needs some text.').max(500, 'A note has at most 500 characters.') }),
      )
      .mutation(({ ctx, input }) => ctx.data.notes.add(ctx.workspace, input.text)),

    remove: writeProcedure
      .input(z.object({ id: noteId }))
      .mutation(({ ctx, input }) => ctx.data.notes.remove(ctx.workspace, input.id)),

    /** The workspace's note changes as they happen (SSE); event ids are change log ids, resumed from. */
    changes: dataProcedure
      .input(z.object({ lastEventId: z.optional(z.string().regex(/^\d{1,15}$/, 'lastEventId is a change id.')) }).optional())
      .subscription(({ ctx, input, signal }) => ctx.data.notes.changes(ctx.workspace, input?.lastEventId, signal)),
  }),
});

export type BackendRouter = typeof backendRouter;

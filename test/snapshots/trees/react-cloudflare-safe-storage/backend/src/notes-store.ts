/**
 * Notes per workspace (the token's active organization, else the user) on the app's database. Every
 * function filters on the verified token's workspace: another workspace's note id is like an unknown one.
 */
import { tracked, TRPCError } from '@trpc/server';
import { and, desc, eq, gt, isNull, lt, max, sql } from 'drizzle-orm';
import type { AppDatabase } from './data';
import { noteChanges, notes } from './db/schema';
import { uuidv7 } from './kit/db/ids';
import type { ChangeSignal } from './kit/live';

/** Past this many notes, `add` refuses new ones until someone removes some. */
export const MAX_NOTES_PER_WORKSPACE = 100;

/** Whose notes: the organization `orgId`, or the personal notes of `userId` when it is null. */
export type Workspace = { userId: string; orgId: string | null };

export type Note = { id: string; text: string; createdAt: Date };

/** One event of `notes.changes`. */
export type NoteChange = { kind: 'added'; note: Note } | { kind: 'removed'; id: string };

/** The rows of a workspace, in `notes` or `note_changes` (both have `user_id` and `org_id`). */
function inWorkspace(table: typeof notes | typeof noteChanges, { userId, orgId }: Workspace) {
  return orgId === null ? and(eq(table.userId, userId), isNull(table.orgId)) : eq(table.orgId, orgId);
}

export type NotesStore = ReturnType<typeof createNotesStore>;

/** `live` wakes a workspace's streams after each change, by one name per workspace. */
export function createNotesStore(db: AppDatabase, live: ChangeSignal) {
  const nameOf = ({ userId, orgId }: Workspace) => (orgId === null ? `user:${userId}` : `org:${orgId}`);
  // The change is saved already: a failed signal only logs.
  const announce = (workspace: Workspace) =>
    live.notify(nameOf(workspace)).catch((error: unknown) => console.error('notes: change signal failed:', error));

  return {
    /** Newest first; `cursor` is the id of the last note of the previous page. */
    async list(workspace: Workspace, { cursor, limit }: { cursor?: string; limit: number }): Promise<Note[]> {
      return db
        .select({ id: notes.id, text: notes.text, createdAt: notes.createdAt })
        .from(notes)
        .where(and(inWorkspace(notes, workspace), cursor === undefined ? undefined : lt(notes.id, cursor)))
        .orderBy(desc(notes.id))
        .limit(limit);
    },

    /** FORBIDDEN when the workspace already has MAX_NOTES_PER_WORKSPACE notes. */
    async add(workspace: Workspace, text: string): Promise<Note> {
      const note: Note = { id: uuidv7(), text, createdAt: new Date() };
      // One statement, so the cap holds under concurrent adds; a trigger logs the change in it too.
      const inserted = await db.all<{ id: string }>(sql`
        INSERT INTO notes (id, user_id, org_id, text, created_at)
        SELECT ${note.id}, ${workspace.userId}, ${workspace.orgId}, ${text}, ${note.createdAt.getTime()}
        WHERE (SELECT count(*) FROM ${notes} WHERE ${inWorkspace(notes, workspace)}) < ${MAX_NOTES_PER_WORKSPACE}
        RETURNING id`);
      if (inserted.length === 0) {
        const message = `This workspace has ${MAX_NOTES_PER_WORKSPACE} notes, the most this app keeps: remove one to add another.`;
        throw new TRPCError({ code: 'FORBIDDEN', message });
      }
      await announce(workspace);
      return note;
    },

    /** NOT_FOUND when the workspace has no note with this id (never its, or already removed). */
    async remove(workspace: Workspace, id: string): Promise<{ id: string }> {
      const removed = await db
        .delete(notes)
        .where(and(eq(notes.id, id), inWorkspace(notes, workspace)))
        .returning({ id: notes.id });
      if (removed.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such note.' });
      await announce(workspace);
      return { id };
    },

    /**
     * The workspace's changes as they happen: its change log (`note_changes`), read after each signal.
     * Event ids are log ids, so a client reconnecting with `lastEventId` (the last one it saw; without it
     * the stream starts with the next change) gets exactly what it has not seen.
     */
    async *changes(workspace: Workspace, lastEventId: string | undefined, signal: AbortSignal | undefined) {
      const pageSize = 100;
      let changed: boolean;
      let wake = () => {};
      // Listen before reading the cursor: a change made in between is then both signalled and read.
      const stopListening = await live.listen(nameOf(workspace), () => {
        changed = true;
        wake();
      });
      const onAbort = () => wake();
      signal?.addEventListener('abort', onAbort);
      try {
        let cursor = lastEventId !== undefined ? Number(lastEventId) : await latestChangeId(workspace);
        while (!signal?.aborted) {
          changed = false;
          const page = await db
            .select()
            .from(noteChanges)
            .where(and(inWorkspace(noteChanges, workspace), gt(noteChanges.id, cursor)))
            .orderBy(noteChanges.id)
            .limit(pageSize);
          for (const row of page) {
            cursor = row.id;
            yield tracked(String(row.id), toChange(row));
          }
          if (page.length === pageSize || changed || signal?.aborted) continue;
          await new Promise<void>((resolve) => (wake = () => resolve()));
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
        stopListening();
      }
    },
  };

  /** Id of the workspace's newest change, 0 when there is none. */
  async function latestChangeId(workspace: Workspace): Promise<number> {
    const [row] = await db
      .select({ id: max(noteChanges.id) })
      .from(noteChanges)
      .where(inWorkspace(noteChanges, workspace));
    return row?.id ?? 0;
  }
}

function toChange(row: typeof noteChanges.$inferSelect): NoteChange {
  if (row.kind === 'removed') return { kind: 'removed', id: row.noteId };
  return { kind: 'added', note: { id: row.noteId, text: row.text ?? '', createdAt: row.noteCreatedAt ?? row.createdAt } };
}

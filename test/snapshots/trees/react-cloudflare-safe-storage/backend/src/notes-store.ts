/**
 * Notes per workspace (the token's active organization, else the user) on the app's database. Every
 * function filters on the verified token's workspace: another workspace's note id is like an unknown one.
 */
import { tracked } from '@trpc/server';
import { and, desc, eq, gt, isNull, lt, max, sql } from 'drizzle-orm';
import type { AppDatabase } from './data';
import { noteChanges, notes } from './db/schema';
import { uuidv7 } from './kit/db/ids';
import type { ChangeSignal } from './kit/live';

/** Past this many notes, `add` refuses new ones until someone removes some. */
export const MAX_NOTES_PER_WORKSPACE = 100;

/** Whose notes: the organization `orgId`, or the personal notes of `userId` when it is null. */
export type Workspace = { userId: string; orgId: string | null };

/** One name per workspace, for the live change signal. */
export const workspaceKey = ({ userId, orgId }: Workspace): string => (orgId === null ? `user:${userId}` : `org:${orgId}`);

export type Note = { id: string; text: string; createdAt: Date };

/** One event of `notes.changes`. */
export type NoteChange = { kind: 'added'; note: Note } | { kind: 'removed'; id: string };

/** The rows of a workspace, in `notes` or `note_changes` (both have `user_id` and `org_id`). */
function inWorkspace(table: typeof notes | typeof noteChanges, { userId, orgId }: Workspace) {
  return orgId === null ? and(eq(table.userId, userId), isNull(table.orgId)) : eq(table.orgId, orgId);
}

export type NotesStore = ReturnType<typeof createNotesStore>;

export function createNotesStore(db: AppDatabase, maxPerWorkspace = MAX_NOTES_PER_WORKSPACE) {
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

    /** Null when the workspace already has `maxPerWorkspace` notes. */
    async add(workspace: Workspace, text: string): Promise<Note | null> {
      const note: Note = { id: uuidv7(), text, createdAt: new Date() };
      // One statement, so the cap holds under concurrent adds; a trigger logs the change in it too.
      const inserted = await db.all<{ id: string }>(sql`
        INSERT INTO notes (id, user_id, org_id, text, created_at)
        SELECT ${note.id}, ${workspace.userId}, ${workspace.orgId}, ${text}, ${note.createdAt.getTime()}
        WHERE (SELECT count(*) FROM ${notes} WHERE ${inWorkspace(notes, workspace)}) < ${maxPerWorkspace}
        RETURNING id`);
      return inserted.length === 0 ? null : note;
    },

    /** False when the workspace has no note with this id (never its, or already removed). */
    async remove(workspace: Workspace, id: string): Promise<boolean> {
      const removed = await db
        .delete(notes)
        .where(and(eq(notes.id, id), inWorkspace(notes, workspace)))
        .returning({ id: notes.id });
      return removed.length > 0;
    },

    /** Id of the workspace's newest change, 0 when there is none: a new stream starts after it. */
    async latestChangeId(workspace: Workspace): Promise<number> {
      const [row] = await db
        .select({ id: max(noteChanges.id) })
        .from(noteChanges)
        .where(inWorkspace(noteChanges, workspace));
      return row?.id ?? 0;
    },

    /** The workspace's changes after `afterId`, oldest first, each with its log id (the stream's event id). */
    async changesAfter(workspace: Workspace, afterId: number, limit: number): Promise<{ id: number; change: NoteChange }[]> {
      const rows = await db
        .select()
        .from(noteChanges)
        .where(and(inWorkspace(noteChanges, workspace), gt(noteChanges.id, afterId)))
        .orderBy(noteChanges.id)
        .limit(limit);
      return rows.map((row) => ({ id: row.id, change: toChange(row) }));
    },
  };
}

function toChange(row: typeof noteChanges.$inferSelect): NoteChange {
  if (row.kind === 'removed') return { kind: 'removed', id: row.noteId };
  return { kind: 'added', note: { id: row.noteId, text: row.text ?? '', createdAt: row.noteCreatedAt ?? row.createdAt } };
}

/**
 * The stream behind `notes.changes`: the workspace's change log (`note_changes`), read after each
 * change signal. Event ids are log ids, so a client reconnecting with `lastEventId` (the last one it
 * saw; without it the stream starts with the next change) gets exactly what it has not seen.
 */
export async function* streamNoteChanges(
  { notes: store, changes }: { notes: NotesStore; changes: ChangeSignal },
  workspace: Workspace,
  lastEventId: string | undefined,
  signal: AbortSignal | undefined,
  pageSize = 100,
) {
  let changed: boolean;
  let wake = () => {};
  const onAbort = () => wake();
  signal?.addEventListener('abort', onAbort);
  // Listen before reading the cursor: a change made in between is then both signalled and read.
  const stopListening = await changes.listen(workspaceKey(workspace), () => {
    changed = true;
    wake();
  });
  try {
    let cursor = lastEventId !== undefined ? Number(lastEventId) : await store.latestChangeId(workspace);
    while (!signal?.aborted) {
      changed = false;
      const page = await store.changesAfter(workspace, cursor, pageSize);
      for (const { id, change } of page) {
        cursor = id;
        yield tracked(String(id), change);
      }
      if (page.length < pageSize && !changed && !signal?.aborted) await new Promise<void>((resolve) => (wake = () => resolve()));
    }
  } finally {
    stopListening();
    signal?.removeEventListener('abort', onAbort);
  }
}

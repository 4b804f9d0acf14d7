/**
 * Per-user notes on the app's database (./db). Every function takes the verified user id and
 * filters on it, so a note id from another user behaves exactly like an id that does not exist.
 */
import { and, desc, eq, gt, lt, max, sql } from 'drizzle-orm';
import type { AppDatabase } from './db/database';
import { uuidv7 } from './db/ids';
import { noteChanges, notes } from './db/schema';

/** Past this many notes, `add` refuses new ones (NoteLimitError) until the user removes some. */
export const MAX_NOTES_PER_USER = 100;

export interface Note {
  id: string;
  text: string;
  createdAt: Date;
}

/** One event of `notes.changes`. */
export type NoteChange = { kind: 'added'; note: Note } | { kind: 'removed'; id: string };

/** A change with its position in the user's change log (the stream's event id). */
export interface LoggedChange {
  id: number;
  change: NoteChange;
}

export class NoteLimitError extends Error {
  constructor(readonly limit: number) {
    super(`You have ${limit} notes, the most this app keeps per user: remove one to add another.`);
  }
}

export interface NotesStore {
  /** Newest first; `cursor` is the id of the last note of the previous page. */
  list(userId: string, page: { cursor?: string; limit: number }): Promise<Note[]>;
  /** Throws NoteLimitError when the user already has MAX_NOTES_PER_USER notes. */
  add(userId: string, text: string): Promise<Note>;
  /** False when the user has no note with this id (never theirs, or already removed). */
  remove(userId: string, id: string): Promise<boolean>;
  /** Id of the user's newest change, 0 when there is none: a new stream starts after it. */
  latestChangeId(userId: string): Promise<number>;
  /** The user's changes after `afterId`, oldest first. */
  changesAfter(userId: string, afterId: number, limit: number): Promise<LoggedChange[]>;
}

export function createNotesStore(db: AppDatabase, maxPerUser = MAX_NOTES_PER_USER): NotesStore {
  return {
    async list(userId, { cursor, limit }) {
      return db
        .select({ id: notes.id, text: notes.text, createdAt: notes.createdAt })
        .from(notes)
        .where(and(eq(notes.userId, userId), cursor === undefined ? undefined : lt(notes.id, cursor)))
        .orderBy(desc(notes.id))
        .limit(limit);
    },

    async add(userId, text) {
      const note: Note = { id: uuidv7(), text, createdAt: new Date() };
      // One statement, so the cap holds under concurrent adds: the row is inserted only while the
      // user has fewer than `maxPerUser` notes. A trigger logs the change in the same statement.
      const inserted = await db.all<{ id: string }>(sql`
        INSERT INTO notes (id, user_id, text, created_at)
        SELECT ${note.id}, ${userId}, ${text}, ${note.createdAt.getTime()}
        WHERE (SELECT count(*) FROM notes WHERE user_id = ${userId}) < ${maxPerUser}
        RETURNING id`);
      if (inserted.length === 0) throw new NoteLimitError(maxPerUser);
      return note;
    },

    async remove(userId, id) {
      const removed = await db
        .delete(notes)
        .where(and(eq(notes.id, id), eq(notes.userId, userId)))
        .returning({ id: notes.id });
      return removed.length > 0;
    },

    async latestChangeId(userId) {
      const [row] = await db
        .select({ id: max(noteChanges.id) })
        .from(noteChanges)
        .where(eq(noteChanges.userId, userId));
      return row?.id ?? 0;
    },

    async changesAfter(userId, afterId, limit) {
      const rows = await db
        .select()
        .from(noteChanges)
        .where(and(eq(noteChanges.userId, userId), gt(noteChanges.id, afterId)))
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

import type { AppDatabase } from './db/database';
import type { ChangeSignal } from './kit/live/change-signal';
import type { NotesStore } from './notes-store';

/**
 * The data services of the procedures, put into each request's context by the Worker
 * (src/worker.ts: D1 + a Durable Object per workspace) or the Node server (src/app.ts: libSQL +
 * in-process signals). Add your own stores here.
 */
export interface BackendData {
  /** Drizzle over D1 or libSQL: for your own queries (always filter on `ctx.auth`'s user or organization). */
  db: AppDatabase;
  notes: NotesStore;
  changes: ChangeSignal;
}

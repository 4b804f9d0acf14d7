import type { AppDatabase } from './db/database';
import type { ChangeSignal } from './kit/live';
import type { NotesStore } from './notes-store';

/** The procedures' data services (`ctx.data`), made by src/worker.ts or src/start-server.ts. Add your stores here. */
export interface BackendData {
  /** Drizzle over D1 or libSQL: for your own queries (always filter on `ctx.auth`'s user or organization). */
  db: AppDatabase;
  notes: NotesStore;
  changes: ChangeSignal;
}

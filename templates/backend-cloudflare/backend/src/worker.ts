import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { readAuthConfig } from './kit/auth';
import { createContextFactory } from './kit/trpc';
import type { BackendData } from './data';
import type { AppDatabase } from './db/database';
import { schema } from './db/schema';
import { createFetchHandler } from './kit/fetch-handler';
import { createDurableChangeSignal, NotesLive } from './kit/live/notes-live';
import { createNotesStore } from './notes-store';
import { backendRouter } from './router';

// Read at start-up (module scope), so a missing secret stops `wrangler dev` with its name
// instead of failing every request later.
const createAuthContext = createContextFactory(readAuthConfig(env as unknown as Record<string, unknown>));

/** The bindings of wrangler.jsonc the procedures use. */
interface DataBindings {
  /** D1; migrations in drizzle/ (applied by `dev:backend` locally, by `deploy` remotely) */
  DB: D1Database;
  /** One NotesLive object per workspace: live updates across isolates */
  NOTES_LIVE: DurableObjectNamespace<NotesLive>;
}
const bindings = env as unknown as DataBindings;
const db: AppDatabase = drizzle(bindings.DB, { schema });
const data: BackendData = {
  db,
  notes: createNotesStore(db),
  changes: createDurableChangeSignal(bindings.NOTES_LIVE),
};
const createContext = async ({ req }: { req: Request }) => ({ ...(await createAuthContext({ req })), data });

// Durable Object classes are exported by the Worker's main module (wrangler.jsonc: durable_objects).
export { NotesLive };

export default { fetch: createFetchHandler({ router: backendRouter, createContext }) } satisfies ExportedHandler;

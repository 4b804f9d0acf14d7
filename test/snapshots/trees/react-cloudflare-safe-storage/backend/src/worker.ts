import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import type { AppDatabase, BackendData } from './data';
import { schema } from './db/schema';
import { readAuthConfig } from './kit/auth-config';
import { createDurableChangeSignal, createFetchHandler, NotesLive } from './kit/cloudflare';
import { createContextFactory } from './kit/trpc';
import { createNotesStore } from './notes-store';
import { backendRouter } from './router';

/** The bindings of wrangler.jsonc: D1 (migrations in drizzle/) and one NotesLive object per workspace. */
const bindings = env as unknown as { DB: D1Database; NOTES_LIVE: DurableObjectNamespace<NotesLive> };
const db: AppDatabase = drizzle(bindings.DB, { schema });
const data: BackendData = { db, notes: createNotesStore(db, createDurableChangeSignal(bindings.NOTES_LIVE)) };
// Read at start-up (module scope), so a missing secret stops `wrangler dev` with its name.
const createContext = createContextFactory(readAuthConfig(env as unknown as Record<string, unknown>), data);

// Durable Object classes are exported by the Worker's main module (wrangler.jsonc: durable_objects).
export { NotesLive };

export default { fetch: createFetchHandler(backendRouter, createContext) } satisfies ExportedHandler;

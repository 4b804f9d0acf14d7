import { env } from 'cloudflare:workers';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { drizzle } from 'drizzle-orm/d1';
import { readAuthConfig } from './auth/config';
import { createContextFactory } from './context';
import type { BackendData } from './data';
import type { AppDatabase } from './db/database';
import { schema } from './db/schema';
import { limitRequestBody, MAX_BATCH_SIZE } from './http/limits';
import { createDurableChangeSignal, NotesLive } from './live/notes-live';
import { createNotesStore } from './notes-store';
import { backendRouter } from './router';

// Read at start-up (module scope), so a missing secret stops `wrangler dev` with its name
// instead of failing every request later.
const createAuthContext = createContextFactory(readAuthConfig(env as unknown as Record<string, unknown>));

/** The bindings of wrangler.jsonc the procedures use. */
interface DataBindings {
  /** D1; migrations in drizzle/ (applied by `dev:backend` locally, by `deploy` remotely) */
  DB: D1Database;
  /** One NotesLive object per user: live updates across isolates */
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

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/health') return Response.json({ status: 'ok' });
    if (url.pathname !== '/trpc' && !url.pathname.startsWith('/trpc/')) {
      return new Response('Not found', { status: 404 });
    }
    // Workers hand us the body as a stream: refuse an oversized one before reading it whole.
    const limited = await limitRequestBody(request);
    if (limited instanceof Response) return limited;
    return fetchRequestHandler({
      endpoint: '/trpc',
      req: limited,
      router: backendRouter,
      createContext,
      maxBatchSize: MAX_BATCH_SIZE,
      onError({ error, path }) {
        // Only server faults; 4xx are the client's business. Never log headers or input.
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`trpc ${path ?? '?'}:`, error.message);
      },
    });
  },
} satisfies ExportedHandler;

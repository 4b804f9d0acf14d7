import type { BackendData } from './data';
import { openDatabase } from './db/libsql';
import type { AuthConfig } from './kit/auth';
import { createLocalChangeSignal } from './kit/live';
import { serveApp, type RunningServer, type ServerOptions } from './kit/node-server';
import { createNotesStore } from './notes-store';
import { backendRouter } from './router';

export interface StartOptions extends Omit<ServerOptions, 'router' | 'data'> {
  /**
   * libSQL URL (DATABASE_URL): a file, or a libSQL server / Turso shared by several instances.
   * Default: an in-memory database (tests); src/main.ts defaults to a file in backend/data/.
   */
  databaseUrl?: string;
  databaseAuthToken?: string;
}

/** Your router and data on the kit's server. */
export async function startServer(config: AuthConfig, options: StartOptions): Promise<RunningServer> {
  // Migrations first: no request reaches a database without its tables.
  const database = await openDatabase(options.databaseUrl ?? ':memory:', options.databaseAuthToken);
  // Live updates reach the subscribers of this process; several instances need a shared signal
  // (see the README, "Running several instances").
  const data: BackendData = { db: database.db, notes: createNotesStore(database.db, createLocalChangeSignal()) };
  const server = await serveApp(config, { ...options, router: backendRouter, data });
  return { url: server.url, close: (graceMs) => server.close(graceMs).finally(() => database.close()) };
}

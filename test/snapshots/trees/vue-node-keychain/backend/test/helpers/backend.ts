import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileDatabaseUrl, openDatabase } from '../../src/db/libsql';
import { readAuthConfig } from '../../src/kit/auth-config';
import { createLocalChangeSignal } from '../../src/kit/live';
import { createNotesStore } from '../../src/notes-store';
import { startServer } from '../../src/start-server';

export type TestData = Awaited<ReturnType<typeof createTestData>>;

/** The procedures' data services on a new libSQL database in memory, with drizzle/ applied. */
export async function createTestData() {
  const { db, close } = await openDatabase(':memory:');
  return { data: { db, notes: createNotesStore(db, createLocalChangeSignal()) }, close: async () => close() };
}

export type RunningBackend = Awaited<ReturnType<typeof startTestBackend>>;

/**
 * Starts the real Node server on a free port with `vars` instead of process.env. Its libSQL file lives
 * in `dataDir` (keep it to restart on the same data; default: a temporary folder, removed on stop).
 */
export async function startTestBackend(vars: Record<string, string>, options: { dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'backend-libsql-')));
  // Rejected tokens are expected in these tests: their warnings would only be noise.
  const config = { ...readAuthConfig(vars), log: () => {} };
  const server = await startServer(config, {
    port: 0,
    hostname: '127.0.0.1',
    log: () => {},
    databaseUrl: fileDatabaseUrl(join(dataDir, 'notes.db')),
  });
  return {
    url: server.url,
    stop: async () => {
      await server.close(1000);
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

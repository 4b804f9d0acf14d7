import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAuthConfig } from '../../src/kit/auth';
import { fileDatabaseUrl } from '../../src/db/libsql';
import { startServer } from '../../src/start-server';

export interface RunningBackend {
  /** Origin the backend listens on, e.g. http://127.0.0.1:54321 */
  url: string;
  stop(): Promise<void>;
}

/** Starts the real Node server on a free port with the given variables instead of process.env. */
export interface TestBackendOptions {
  /** Folder of the libSQL file; keep it to restart on the same data. Default: a temporary one, removed on stop. */
  dataDir?: string;
  /** Listen on this port (default: a free one), e.g. to restart where clients reconnect. */
  port?: number;
}

export async function startTestBackend(vars: Record<string, string>, options: TestBackendOptions = {}): Promise<RunningBackend> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'backend-libsql-')));
  // Rejected tokens are expected in these tests: their warnings would only be noise.
  const config = { ...readAuthConfig(vars), log: () => {} };
  const server = await startServer(config, {
    port: options.port ?? 0,
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

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unstable_startWorker } from 'wrangler';
import { openLocalD1 } from './test-data';

export interface RunningBackend {
  /** Origin the backend listens on, e.g. http://127.0.0.1:54321 */
  url: string;
  stop(): Promise<void>;
}

export interface TestBackendOptions {
  /**
   * Where the local D1 (and Durable Object) state lives; keep it to restart on the same data.
   * Default: a new temporary folder, removed on stop. Migrations are applied to it first.
   */
  dataDir?: string;
  /** Listen on this port (default: a free one), e.g. to restart where clients reconnect. */
  port?: number;
}

/**
 * Starts the real Worker in workerd (through wrangler, offline) on a free port, with the given
 * variables instead of .dev.vars. Its log shows only for a failing test (vitest's `silent: 'passed-only'`).
 */
export async function startTestBackend(vars: Record<string, string>, options: TestBackendOptions = {}): Promise<RunningBackend> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'backend-d1-')));
  const removeData = () => (options.dataDir ? Promise.resolve() : rm(dataDir, { recursive: true, force: true }));
  try {
    await (await openLocalD1(dataDir)).close();
    const worker = await unstable_startWorker({
      config: fileURLToPath(new URL('../../wrangler.jsonc', import.meta.url)),
      envFiles: [],
      bindings: Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text' as const, value }])),
      dev: { server: { hostname: '127.0.0.1', port: options.port ?? 0 }, persist: dataDir, inspector: false, watch: false },
    });
    const url = await worker.url;
    return { url: url.origin, stop: () => worker.dispose().finally(removeData) };
  } catch (error) {
    await removeData();
    throw error;
  }
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach } from 'vitest';
import { unstable_startWorker } from 'wrangler';
import { applyLocalMigrations } from './local-d1';

export interface RunningBackend {
  /** Origin the backend listens on, e.g. http://127.0.0.1:54321 */
  url: string;
  stop(): Promise<void>;
}

/**
 * Wrangler logs every request and its start-up through `console`. While a test backend runs, the
 * console is held back: a failing test (or a failed start) prints what was held, a passing one
 * drops it, so a green run stays quiet.
 */
const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
type Method = (typeof METHODS)[number];
const held: Array<{ method: Method; args: unknown[] }> = [];
const originals = new Map<Method, (...args: unknown[]) => void>();
let running = 0;

function holdConsole(): void {
  if (running++ > 0) return;
  for (const method of METHODS) {
    originals.set(method, console[method]);
    console[method] = (...args: unknown[]) => void held.push({ method, args });
  }
}

function releaseConsole(): void {
  if (--running > 0) return;
  for (const [method, original] of originals) console[method] = original;
  originals.clear();
}

function printHeld(): void {
  for (const { method, args } of held.splice(0)) (originals.get(method) ?? console[method])(...args);
}

// Registered when a test file imports this helper: each test starts with an empty buffer and
// prints it only if it fails.
beforeEach(({ onTestFailed }) => {
  held.length = 0;
  onTestFailed(printHeld);
});

/**
 * Starts the real Worker in workerd (through wrangler, fully local) on a free port, with the
 * given variables instead of .dev.vars. Set CLOUDFLARE_CF_FETCH_ENABLED=false to stay offline.
 */
export interface TestBackendOptions {
  /**
   * Where the local D1 (and Durable Object) state lives; keep it to restart on the same data.
   * Default: a new temporary folder, removed on stop. Migrations are applied to it first.
   */
  dataDir?: string;
  /** Listen on this port (default: a free one), e.g. to restart where clients reconnect. */
  port?: number;
}

export async function startTestBackend(vars: Record<string, string>, options: TestBackendOptions = {}): Promise<RunningBackend> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'backend-d1-')));
  await applyLocalMigrations(dataDir);
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  process.env.WRANGLER_SEND_METRICS ??= 'false';
  holdConsole();
  try {
    const worker = await unstable_startWorker({
      config: fileURLToPath(new URL('../../wrangler.jsonc', import.meta.url)),
      envFiles: [],
      bindings: Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text' as const, value }])),
      dev: {
        server: { hostname: '127.0.0.1', port: options.port ?? 0 },
        persist: dataDir,
        inspector: false,
        watch: false,
      },
    });
    const url = await worker.url;
    return {
      url: url.origin,
      stop: async () => {
        try {
          await worker.dispose();
        } finally {
          releaseConsole();
          if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    printHeld();
    releaseConsole();
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

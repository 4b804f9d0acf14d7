import { fileURLToPath } from 'node:url';
import { unstable_startWorker } from 'wrangler';

export interface RunningBackend {
  /** Origin the backend listens on, e.g. http://127.0.0.1:54321 */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the real Worker in workerd (through wrangler, fully local) on a free port, with the
 * given variables instead of .dev.vars. Set CLOUDFLARE_CF_FETCH_ENABLED=false to stay offline.
 */
export async function startTestBackend(vars: Record<string, string>): Promise<RunningBackend> {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  process.env.WRANGLER_SEND_METRICS ??= 'false';
  const worker = await unstable_startWorker({
    config: fileURLToPath(new URL('../../wrangler.jsonc', import.meta.url)),
    envFiles: [],
    bindings: Object.fromEntries(
      Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text' as const, value }]),
    ),
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      watch: false,
    },
  });
  const url = await worker.url;
  return { url: url.origin, stop: () => worker.dispose() };
}

import { readAuthConfig } from '../../src/auth/config';
import { startServer } from '../../src/server';

export interface RunningBackend {
  /** Origin the backend listens on, e.g. http://127.0.0.1:54321 */
  url: string;
  stop(): Promise<void>;
}

/** Starts the real Node server on a free port with the given variables instead of process.env. */
export async function startTestBackend(vars: Record<string, string>): Promise<RunningBackend> {
  const server = await startServer(readAuthConfig(vars), { port: 0, hostname: '127.0.0.1', log: () => {} });
  return { url: server.url, stop: () => server.close(1000) };
}

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { AuthConfig } from './auth/config';
import { createApp, type AppOptions } from './app';

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  /** Stops accepting connections, lets in-flight requests finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

export interface ServerOptions extends AppOptions {
  port: number;
  hostname: string;
}

export async function startServer(config: AuthConfig, options: ServerOptions): Promise<RunningServer> {
  const app = createApp(config, options);
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname }, () =>
      resolve(created as Server),
    ) as Server;
    created.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.hostname.includes(':') ? `[${options.hostname}]` : options.hostname;
  return {
    url: `http://${host}:${port}`,
    close: (graceMs = 10_000) => closeGracefully(server, graceMs),
  };
}

function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    // Stops listening and closes idle keep-alive connections; busy ones close after their response.
    server.close((error) => {
      clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
  });
}

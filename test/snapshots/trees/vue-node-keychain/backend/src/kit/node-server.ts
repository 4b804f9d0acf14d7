import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import type { AuthConfig } from './auth';
import { createApp, type AppOptions } from './http-app';

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

/** Serves the app on Node's HTTP server; `close` ends streams and lets requests finish. */
export async function serveApp(config: AuthConfig, options: ServerOptions): Promise<RunningServer> {
  const app = createApp(config, options);
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname }, () =>
      resolve(created as Server),
    ) as Server;
    created.once('error', reject);
  });
  const responses = trackOpenResponses(server);
  const { port } = server.address() as AddressInfo;
  const host = options.hostname.includes(':') ? `[${options.hostname}]` : options.hostname;
  return {
    url: `http://${host}:${port}`,
    close: (graceMs = 10_000) => closeGracefully(server, responses, graceMs),
  };
}

interface OpenResponses {
  /** From now on every answer is the last one on its connection. */
  endKeepAlive(): void;
  /**
   * Ends the live streams (SSE subscriptions, which never finish by themselves) now: their clients
   * reconnect, to another instance or to this one restarted, and resume from their last event id.
   */
  endStreams(): void;
}

/**
 * Without this, an answer finished after close() still says `Connection: keep-alive`, and its
 * connection stays open (and may even serve the client's next request) until keepAliveTimeout.
 */
function trackOpenResponses(server: Server): OpenResponses {
  const open = new Set<ServerResponse>();
  /** Answers to EventSource requests (tRPC subscriptions over SSE). */
  const streams = new Set<ServerResponse>();
  let closing = false;
  const lastOnItsConnection = (response: ServerResponse): void => {
    if (!response.headersSent) {
      // Node ends the connection after an answer that says so.
      response.setHeader('connection', 'close');
      return;
    }
    // Headers already out (a streamed answer): close the connection once it is idle again.
    const closeIdle = () => setImmediate(() => server.closeIdleConnections());
    if (response.writableFinished) closeIdle();
    else response.once('finish', closeIdle);
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (closing) lastOnItsConnection(response);
    open.add(response);
    if (request.headers.accept === 'text/event-stream') streams.add(response);
    response.once('close', () => {
      open.delete(response);
      streams.delete(response);
    });
  });
  return {
    endKeepAlive() {
      closing = true;
      for (const response of open) lastOnItsConnection(response);
    },
    endStreams() {
      for (const response of streams) response.destroy();
    },
  };
}

function closeGracefully(server: Server, responses: OpenResponses, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    responses.endKeepAlive();
    responses.endStreams();
    // Stops listening and closes idle keep-alive connections; busy ones close after their answer.
    server.close((error) => {
      clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
  });
}

import { trpcServer } from '@hono/trpc-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuthConfig } from './auth/config';
import { createContextFactory } from './context';
import { backendRouter } from './router';

export interface AppOptions {
  /** Largest accepted request body, in bytes */
  maxBodyBytes?: number;
  log?: (line: string) => void;
}

/** The HTTP app: tRPC at /trpc, a plain health route for load balancers, a request body limit. */
export function createApp(config: AuthConfig, { maxBodyBytes = 100 * 1024, log = console.log }: AppOptions = {}) {
  const app = new Hono();

  // Method, path, status and time only: no headers (the token is in one), no query (inputs).
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    log(`${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
  });

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.use(
    '/trpc/*',
    bodyLimit({ maxSize: maxBodyBytes, onError: (c) => c.json({ error: 'Payload too large' }, 413) }),
    trpcServer({
      endpoint: '/trpc',
      router: backendRouter,
      createContext: createContextFactory(config),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`trpc ${path ?? '?'}:`, error.message);
      },
    }),
  );

  return app;
}

import { trpcServer } from '@hono/trpc-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AnyTRPCRouter } from '@trpc/server';
import type { AuthConfig } from './auth';
import { createContextFactory } from './trpc';
import type { BackendData } from '../data';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES, payloadTooLarge } from './http';

export interface AppOptions {
  /** The backend's router (src/router.ts) */
  router: AnyTRPCRouter;
  /** Largest accepted request body, in bytes */
  maxBodyBytes?: number;
  log?: (line: string) => void;
  /** The procedures' data services (src/start-server.ts opens the database and passes them). */
  data?: BackendData;
}

/** The HTTP app: tRPC at /trpc, a plain health route for load balancers, a request body limit. */
export function createApp(config: AuthConfig, { router, maxBodyBytes = MAX_BODY_BYTES, log = console.log, data }: AppOptions) {
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
    bodyLimit({ maxSize: maxBodyBytes, onError: () => payloadTooLarge(maxBodyBytes) }),
    trpcServer({
      endpoint: '/trpc',
      router,
      createContext: createContextFactory(config, data),
      maxBatchSize: MAX_BATCH_SIZE,
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`trpc ${path ?? '?'}:`, error.message);
      },
    }),
  );

  return app;
}

import { env } from 'cloudflare:workers';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { readAuthConfig } from './auth/config';
import { createContextFactory } from './context';
import { backendRouter } from './router';

// Read at start-up (module scope), so a missing secret stops `wrangler dev` with its name
// instead of failing every request later.
const createContext = createContextFactory(readAuthConfig(env as unknown as Record<string, unknown>));

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/health') return Response.json({ status: 'ok' });
    if (url.pathname !== '/trpc' && !url.pathname.startsWith('/trpc/')) {
      return new Response('Not found', { status: 404 });
    }
    return fetchRequestHandler({
      endpoint: '/trpc',
      req: request,
      router: backendRouter,
      createContext,
      onError({ error, path }) {
        // Only server faults; 4xx are the client's business. Never log headers or input.
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`trpc ${path ?? '?'}:`, error.message);
      },
    });
  },
} satisfies ExportedHandler;

import type { AnyTRPCRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { limitRequestBody, MAX_BATCH_SIZE } from './http/limits';

export interface FetchHandlerOptions {
  router: AnyTRPCRouter;
  createContext: (options: { req: Request }) => Promise<object>;
}

/** The Worker's `fetch`: `/health`, tRPC at `/trpc` within the size limits, else 404. */
export function createFetchHandler({ router, createContext }: FetchHandlerOptions) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname === '/health') return Response.json({ status: 'ok' });
    if (url.pathname !== '/trpc' && !url.pathname.startsWith('/trpc/')) {
      return new Response('Not found', { status: 404 });
    }
    // Workers hand us the body as a stream: refuse an oversized one before reading it whole.
    const limited = await limitRequestBody(request);
    if (limited instanceof Response) return limited;
    return fetchRequestHandler({
      endpoint: '/trpc',
      req: limited,
      router,
      createContext,
      maxBatchSize: MAX_BATCH_SIZE,
      onError({ error, path }) {
        // Only server faults; 4xx are the client's business. Never log headers or input.
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`trpc ${path ?? '?'}:`, error.message);
      },
    });
  };
}

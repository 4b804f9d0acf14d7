/**
 * The Worker's `fetch` (`/health`, tRPC at `/trpc` within the size limits, else 404) and live updates
 * across isolates: a Durable Object per workspace, to which each `notes.changes` stream holds a
 * WebSocket; a mutation calls `notify()`, the object tells every socket (hibernating while idle).
 */
import type { AnyTRPCRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { DurableObject } from 'cloudflare:workers';
import { limitRequestBody, MAX_BATCH_SIZE } from './http';
import type { ChangeSignal } from './live';

export function createFetchHandler(router: AnyTRPCRouter, createContext: (options: { req: Request }) => Promise<object>) {
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === '/health') return Response.json({ status: 'ok' });
    if (pathname !== '/trpc' && !pathname.startsWith('/trpc/')) return new Response('Not found', { status: 404 });
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

// Reached only by the Worker, for a WebSocket; the runtime answers a socket's close (auto-reply since 2026-04-07).
export class NotesLive extends DurableObject {
  override async fetch(): Promise<Response> {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async notify(): Promise<void> {
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send('changed');
      } catch {
        // closing already: its stream has ended
      }
    }
  }
}

export function createDurableChangeSignal(namespace: DurableObjectNamespace<NotesLive>): ChangeSignal {
  const objectOf = (name: string) => namespace.get(namespace.idFromName(name));
  return {
    async notify(name) {
      await objectOf(name).notify();
    },
    async listen(name, onChange) {
      const response = await objectOf(name).fetch('https://notes-live/listen', { headers: { upgrade: 'websocket' } });
      const socket = response.webSocket;
      if (!socket) throw new Error(`NotesLive answered ${response.status} instead of a WebSocket`);
      socket.accept();
      socket.addEventListener('message', onChange);
      return () => socket.close(1000, 'stream ended');
    },
  };
}

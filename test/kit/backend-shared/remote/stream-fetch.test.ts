/**
 * The fetch of main's SSE connections (guardedFetch with `stream`): closing the EventSource aborts its
 * signal, and that must end the stream at both ends even after the response has arrived.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

import { guardedFetch } from '../../src/kit/main/remote/backend';

let server: Server | undefined;

afterEach(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

/** A server that sends one event and keeps the stream open; `closed` resolves when the client goes. */
async function openStreamServer() {
  let closedByClient!: () => void;
  const closed = new Promise<void>((resolve) => (closedByClient = resolve));
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: first\n\n');
    response.on('close', closedByClient);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, closed };
}

describe('guardedFetch for a stream', () => {
  it('ends the body and the connection when the signal aborts after the headers', async () => {
    const { origin, closed } = await openStreamServer();
    const controller = new AbortController();
    const response = await guardedFetch(origin, 5_000, fetch, true)(`${origin}/stream`, { signal: controller.signal });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: first\n\n');

    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    await closed; // the server saw the client leave
  });

  it('ends the body on abort even when fetch itself has lost the signal (nodejs/node#55428)', async () => {
    // A fetch that ignores the signal after answering, as Node's does once its request was collected.
    const forgetfulFetch: typeof fetch = async () =>
      new Response(
        new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('data: first\n\n')) }),
        {
          headers: { 'content-type': 'text/event-stream' },
        },
      );
    const controller = new AbortController();
    const origin = 'http://127.0.0.1:9';
    const response = await guardedFetch(origin, 5_000, forgetfulFetch, true)(`${origin}/stream`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();

    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('keeps the status and headers of the response it wraps', async () => {
    const { origin } = await openStreamServer();
    const controller = new AbortController();
    const response = await guardedFetch(origin, 5_000, fetch, true)(`${origin}/stream`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    controller.abort();
  });
});

import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server';
import { createTestSigner, TEST_AUTHORIZED_PARTY } from './helpers/tokens';

const config = { secretKey: 'sk_test_unused', authorizedParties: [TEST_AUTHORIZED_PARTY] };
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.close(100);
  server = undefined;
});

describe('Node server', () => {
  it('serves a plain health route', async () => {
    server = await startServer(config, { port: 0, hostname: '127.0.0.1', log: () => {} });
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('refuses bodies over the limit', async () => {
    server = await startServer(config, { port: 0, hostname: '127.0.0.1', maxBodyBytes: 1024, log: () => {} });
    const response = await fetch(`${server.url}/trpc/notes.add`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { text: 'x'.repeat(2048) } }),
    });
    expect(response.status).toBe(413);
  });

  it('logs requests without the token', async () => {
    const lines: string[] = [];
    const signer = await createTestSigner();
    const token = await signer.sign();
    server = await startServer(
      { jwtKey: signer.publicKeyPem, authorizedParties: [TEST_AUTHORIZED_PARTY] },
      { port: 0, hostname: '127.0.0.1', log: (line) => lines.push(line) },
    );
    const response = await fetch(`${server.url}/trpc/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(lines).toEqual([expect.stringMatching(/^GET \/trpc\/me 200 \d+ms$/)]);
  });

  it('lets a request in flight finish when closing, then refuses new connections', async () => {
    const signer = await createTestSigner();
    server = await startServer(
      { jwtKey: signer.publicKeyPem, authorizedParties: [TEST_AUTHORIZED_PARTY] },
      { port: 0, hostname: '127.0.0.1', log: () => {} },
    );
    const { url } = server;
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const body = JSON.stringify({ json: { text: 'in flight' } });
    // With `Expect: 100-continue` the server says "100 Continue" once it has the request: from
    // then on the request is in flight, and its body has not been sent yet.
    socket.write(
      `POST /trpc/notes.add HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Authorization: Bearer ${await signer.sign({ sub: 'user_closing' })}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await new Promise<void>((resolve) => {
      const check = () => {
        if (Buffer.concat(received).toString().includes('100 Continue')) resolve();
        else socket.once('data', check);
      };
      check();
    });

    const closed = server.close(60_000);
    server = undefined;
    // write(), not end(): a client that half-closes its side gets no answer from a Node server
    // (httpAllowHalfOpen is off), closing or not. The server closes the connection after answering.
    socket.write(body);
    await new Promise((resolve) => socket.once('close', resolve));
    await closed;

    // The request, which needed its body to answer, got its full answer although close() had started,
    // as the last one on its connection (not kept alive until keepAliveTimeout).
    const answer = Buffer.concat(received).toString();
    expect(answer).toMatch(/HTTP\/1\.1 200/);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer).toContain('in flight');
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});

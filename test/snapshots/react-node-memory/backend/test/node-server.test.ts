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

  it('closes despite an idle keep-alive connection, then refuses new connections', async () => {
    server = await startServer(config, { port: 0, hostname: '127.0.0.1', log: () => {} });
    const { url } = server;
    // fetch keeps the connection open for reuse; a plain server.close() would wait for it.
    expect((await fetch(`${url}/health`)).status).toBe(200);
    await server.close(60_000);
    server = undefined;
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server';
import { createTestSigner, TEST_AUTHORIZED_PARTY } from './helpers/tokens';
import { subscribe } from './helpers/trpc-http';

describe('Node server with live streams', () => {
  it('ends open SSE streams at once when closing, instead of waiting out the grace period', async () => {
    const signer = await createTestSigner();
    const server = await startServer(
      { jwtKey: signer.publicKeyPem, authorizedParties: [TEST_AUTHORIZED_PARTY] },
      { port: 0, hostname: '127.0.0.1', log: () => {} },
    );
    const stream = await subscribe(server.url, 'notes.changes', await signer.sign({ sub: 'user_closing_live' }));
    expect(stream.status).toBe(200);

    const started = Date.now();
    await server.close(10_000);
    expect(Date.now() - started).toBeLessThan(2000);
    stream.close();
  });
});

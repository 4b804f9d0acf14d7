import { request } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitRequestBody, MAX_BATCH_SIZE, MAX_BODY_BYTES } from '../src/kit/http';
import { startTestBackend, type RunningBackend } from './helpers/backend';
import { createTestSigner, TEST_AUTHORIZED_PARTY } from './helpers/tokens';

// The real server of this target, with the limits it ships with.
let backend: RunningBackend;

beforeAll(async () => {
  const signer = await createTestSigner();
  backend = await startTestBackend({
    CLERK_JWT_KEY: signer.publicKeyPem,
    CLERK_AUTHORIZED_PARTIES: TEST_AUTHORIZED_PARTY,
  });
}, 60_000);

afterAll(async () => {
  await backend?.stop();
});

function batchOf(count: number): string {
  return Array.from({ length: count }, () => 'health').join(',');
}

describe('batch size', () => {
  it(`answers a batch of ${MAX_BATCH_SIZE} calls`, async () => {
    const response = await fetch(`${backend.url}/trpc/${batchOf(MAX_BATCH_SIZE)}?batch=1`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBe(MAX_BATCH_SIZE);
  });

  it('refuses a larger batch without running it', async () => {
    const response = await fetch(`${backend.url}/trpc/${batchOf(MAX_BATCH_SIZE + 1)}?batch=1`);
    expect(response.status).toBe(400);
  });
});

describe('request body', () => {
  it('refuses a declared body over the limit with 413', async () => {
    const response = await fetch(`${backend.url}/trpc/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(MAX_BODY_BYTES + 1),
    });
    expect(response.status).toBe(413);
  });

  it('refuses a streamed body (no Content-Length) once it passes the limit', async () => {
    // node:http rather than fetch: the server answers 413 and may close the connection while the
    // client is still sending, which fetch reports as a failure instead of the answer it received.
    const chunk = Buffer.alloc(16 * 1024, 120);
    const status = await new Promise<number>((resolve, reject) => {
      let answered = false;
      const req = request(`${backend.url}/trpc/health`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // A write the server cut short (EPIPE, reset) is expected; only no answer at all fails.
      req.on('error', () => {});
      req.on('close', () => {
        if (!answered) reject(new Error('the server closed the connection without an answer'));
      });
      let sent = 0;
      const send = (): void => {
        // Stops on its own well past the limit, so a server that reads everything still ends.
        while (!answered && sent <= MAX_BODY_BYTES * 4) {
          sent += chunk.byteLength;
          if (!req.write(chunk)) return void req.once('drain', send);
        }
        req.end();
      };
      send();
    });
    expect(status).toBe(413);
  });
});

describe('limitRequestBody', () => {
  it('passes a body within the limit through unchanged', async () => {
    const request = new Request('http://backend.test/trpc/x', { method: 'POST', body: 'hello' });
    const limited = await limitRequestBody(request, 5);
    expect(limited).toBeInstanceOf(Request);
    expect(await (limited as Request).text()).toBe('hello');
  });

  it('refuses a declared length over the limit before reading any byte', async () => {
    let pulled = false;
    const body = new ReadableStream(
      {
        pull() {
          pulled = true;
        },
      },
      { highWaterMark: 0 }, // pull only when read
    );
    const request = new Request('http://backend.test/trpc/x', {
      method: 'POST',
      headers: { 'content-length': '6' },
      body,
      duplex: 'half',
    } as RequestInit);
    const limited = await limitRequestBody(request, 5);
    expect((limited as Response).status).toBe(413);
    expect(pulled).toBe(false);
  });

  it('refuses a malformed Content-Length', async () => {
    const request = new Request('http://backend.test/trpc/x', { method: 'POST', headers: { 'content-length': 'abc' }, body: '' });
    expect(((await limitRequestBody(request, 5)) as Response).status).toBe(413);
  });
});

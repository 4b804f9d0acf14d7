/**
 * How main's calls to the backend travel: concurrent remote calls of one window share ONE HTTP
 * request; calls of two windows never share one (so never a token). Requests are counted at a
 * local stand-in backend that answers `me` with the identity in the bearer token it received.
 * Apps with a backend only; run like token-bridge.bench.ts. It asserts counts, never timings.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { initTRPC, TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import superjson from 'superjson';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { connectBackend } from '../src/kit/main/remote/backend';
import { forwardToBackend } from '../src/kit/main/remote/forward';
import { appRouter, type AppRouter } from '../src/main/router';
import { createHarness } from './helpers/harness';
import { publish } from './lib/publish';
import { markdownTable } from './lib/stats';

const CONCURRENT_CALLS = 10;

interface SeenRequest {
  authorization: string | null;
  /** Procedure paths in the request (a batch names several, comma-separated). */
  paths: string[];
}

/** The `sub` of a JWT, read without verifying: this stand-in only reports what it was sent. */
function subject(authorization: string | null): string | null {
  const payload = authorization?.replace(/^Bearer /, '').split('.')[1];
  return payload ? (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string }).sub : null;
}

const t = initTRPC.context<{ authorization: string | null }>().create({ transformer: superjson });
const standInRouter = t.router({
  health: t.procedure.query(() => ({ status: 'ok' as const, time: new Date() })),
  me: t.procedure.query(({ ctx }) => {
    const userId = subject(ctx.authorization);
    if (!userId) throw new TRPCError({ code: 'UNAUTHORIZED' });
    return { userId, sessionId: `sess_${userId}` };
  }),
});

let server: Server;
let seen: SeenRequest[] = [];

beforeAll(async () => {
  const handler = createHTTPHandler({
    router: standInRouter,
    basePath: '/trpc/',
    createContext: ({ req }) => ({ authorization: req.headers.authorization ?? null }),
  });
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/trpc\//, '');
    seen.push({ authorization: req.headers.authorization ?? null, paths: path.split(',') });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  connectBackend({ backendUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('remote batching: one request per window and tick, never shared between windows', async () => {
  const harness = await createHarness<typeof appRouter, AppRouter>({ router: appRouter, forward: { remote: forwardToBackend } });
  const window = async (sub: string) => {
    const token = Promise.resolve(await harness.key.sign({ sub, sid: `sess_${sub}` }));
    return { sub, ...harness.openWindow({ getToken: () => token }) };
  };
  const alice = await window('user_alice');
  const bob = await window('user_bob');
  const concurrent = (w: typeof alice) => Promise.all(Array.from({ length: CONCURRENT_CALLS }, () => w.client.remote.me.query()));

  // Warm-up (first request of each window sets up its batching link).
  await Promise.all([alice.client.remote.health.query(), bob.client.remote.health.query()]);

  seen = [];
  const oneWindow = await concurrent(alice);
  const oneWindowRequests = seen;

  seen = [];
  const [fromAlice, fromBob] = await Promise.all([concurrent(alice), concurrent(bob)]);
  const twoWindowRequests = seen;

  const describe = (requests: SeenRequest[]) => [
    requests.length,
    requests.map((r) => r.paths.length).join(', '),
    requests.map((r) => subject(r.authorization) ?? 'none').join(', '),
  ];
  publish(
    `\n## Remote batching\n\n${markdownTable(
      ['scenario', 'HTTP requests at the backend', 'operations per request', 'token (user) per request'],
      [
        [`${CONCURRENT_CALLS} concurrent \`remote.me\` calls from one window`, ...describe(oneWindowRequests)],
        [
          `${CONCURRENT_CALLS} + ${CONCURRENT_CALLS} concurrent calls from two windows (two users)`,
          ...describe(twoWindowRequests),
        ],
      ],
    )}\n`,
  );

  // Every call got its own window's identity back.
  expect(new Set(oneWindow.map((me) => me.userId))).toEqual(new Set(['user_alice']));
  expect(new Set(fromAlice.map((me) => me.userId))).toEqual(new Set(['user_alice']));
  expect(new Set(fromBob.map((me) => me.userId))).toEqual(new Set(['user_bob']));
  // One window, one tick: one request carrying all the calls.
  expect(oneWindowRequests).toHaveLength(1);
  expect(oneWindowRequests[0]!.paths).toHaveLength(CONCURRENT_CALLS);
  // Two windows: one request each, each with only its own window's token and calls.
  expect(twoWindowRequests.map((r) => subject(r.authorization)).sort()).toEqual(['user_alice', 'user_bob']);
  expect(twoWindowRequests.map((r) => r.paths.length)).toEqual([CONCURRENT_CALLS, CONCURRENT_CALLS]);
  expect(harness.errors).toEqual([]);
});

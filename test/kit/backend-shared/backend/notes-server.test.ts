/**
 * The notes procedures through the real server and its database (a libSQL file on Node, local D1
 * through wrangler/workerd on Workers): data kept across a restart, HTTP statuses, batched writes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type RunningBackend } from './helpers/backend';
import { createTestSigner, TEST_AUTHORIZED_PARTY, type TestSigner } from './helpers/tokens';
import { mutate, mutateBatch, query } from './helpers/trpc-http';

let signer: TestSigner;
let dataDir: string;
let backend: RunningBackend;
const start = () =>
  startTestBackend({ CLERK_JWT_KEY: signer.publicKeyPem, CLERK_AUTHORIZED_PARTIES: TEST_AUTHORIZED_PARTY }, { dataDir });

beforeAll(async () => {
  signer = await createTestSigner();
  dataDir = await mkdtemp(join(tmpdir(), 'notes-server-'));
  backend = await start();
}, 60_000);

afterAll(async () => {
  await backend?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const tokenOf = (userId: string) => signer.sign({ sub: userId, sid: `sess_${userId}` });
const texts = async (userId: string) =>
  ((await query(backend.url, 'notes.list', await tokenOf(userId))).body.data as Array<{ text: string }>).map((note) => note.text);

describe('notes through the server', () => {
  it('keeps notes across a server restart', async () => {
    expect((await mutate(backend.url, 'notes.add', await tokenOf('user_restart'), { text: 'before the restart' })).status).toBe(200);
    await backend.stop();
    backend = await start();
    expect(await texts('user_restart')).toEqual(['before the restart']);
  }, 60_000);

  it('answers 401, 400, 404 with the error code and message', async () => {
    expect((await query(backend.url, 'notes.list', undefined)).status).toBe(401);
    expect((await mutate(backend.url, 'notes.add', undefined, { text: 'anonymous' })).status).toBe(401);
    const token = await tokenOf('user_statuses');
    const empty = await mutate(backend.url, 'notes.add', token, { text: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error?.data?.code).toBe('BAD_REQUEST');
    expect(empty.body.error?.message).toContain('A note needs some text.');
    expect((await query(backend.url, 'notes.list', token, { limit: 1000 })).status).toBe(400);
    const missing = await mutate(backend.url, 'notes.remove', token, { id: 'ffffffff-ffff-7fff-bfff-ffffffffffff' });
    expect(missing.status).toBe(404);
  });

  it('keeps committed notes when a write in the same request fails', async () => {
    const token = await tokenOf('user_partial');
    const results = await mutateBatch(backend.url, 'notes.add', token, [{ text: 'kept' }, { text: '' }, { text: 'also kept' }]);
    expect(results.map((result) => result.status)).toEqual([200, 400, 200]);
    // The calls of a batch run concurrently: their order is not the point here.
    expect((await texts('user_partial')).sort()).toEqual(['also kept', 'kept']);
  });

  it('refuses an organization write without org:notes:write with 403', async () => {
    const reader = await signer.sign({
      sub: 'user_reader',
      sid: 'sess_reader',
      extra: { fea: 'o:notes', o: { id: 'org_r', slg: 'org_r', rol: 'member', per: 'write', fpm: '0' } },
    });
    const refused = await mutate(backend.url, 'notes.add', reader, { text: 'refused' });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toBe('This needs the permission "org:notes:write".');
  });
});

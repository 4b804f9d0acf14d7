/**
 * The migration to notes per workspace, on the real database of each target (libSQL on Node,
 * local D1 through wrangler on Workers): a note written before it becomes its author's personal
 * note, with its change-log entry, and the database keeps working for personal and organization notes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEarlierDatabase } from './helpers/earlier-database';
import { startTestBackend, type RunningBackend } from './helpers/backend';
import { createTestSigner, TEST_AUTHORIZED_PARTY, type TestSigner } from './helpers/tokens';
import { mutate, query } from './helpers/trpc-http';
import { eventData, subscribe } from './helpers/trpc-sse';

/** drizzle/0000 to 0002: notes per user, their change log, idempotency keys. */
const MIGRATIONS_BEFORE_WORKSPACES = 3;
const EARLIER_NOTE_ID = '0190a8f0-0000-7000-8000-0000000000aa';

let signer: TestSigner;
let dataDir: string;
let backend: RunningBackend;

beforeAll(async () => {
  signer = await createTestSigner();
  dataDir = await mkdtemp(join(tmpdir(), 'workspace-migration-'));
  await createEarlierDatabase(dataDir, MIGRATIONS_BEFORE_WORKSPACES, [
    `INSERT INTO notes (id, user_id, text, created_at) VALUES ('${EARLIER_NOTE_ID}', 'user_earlier', 'written before', ${Date.now()})`,
  ]);
  // Starting applies the pending migrations, as dev:backend, deploy and the Node server do.
  backend = await startTestBackend({ CLERK_JWT_KEY: signer.publicKeyPem, CLERK_AUTHORIZED_PARTIES: TEST_AUTHORIZED_PARTY }, { dataDir });
}, 120_000);

afterAll(async () => {
  await backend?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const personal = () => signer.sign({ sub: 'user_earlier', sid: 'sess_earlier' });
const inOrg = () =>
  signer.sign({ sub: 'user_earlier', sid: 'sess_earlier', extra: { fea: 'o:notes', o: { id: 'org_later', rol: 'admin', per: 'write', fpm: '1' } } });
const texts = async (token: string) => ((await query(backend.url, 'notes.list', token)).body.data as { text: string }[]).map((note) => note.text);

describe('migrating notes to workspaces', () => {
  it("makes an existing note its author's personal note, in no organization", async () => {
    expect(await texts(await personal())).toEqual(['written before']);
    expect(await texts(await inOrg())).toEqual([]);
    expect((await mutate(backend.url, 'notes.remove', await inOrg(), { id: EARLIER_NOTE_ID })).status).toBe(404);
  });

  it('keeps its change-log entry in the personal stream, and logs new changes per workspace', async () => {
    const fromStart = await subscribe(backend.url, 'notes.changes', await personal(), { lastEventId: '0' });
    try {
      expect(eventData(await fromStart.next())).toMatchObject({ kind: 'added', note: { id: EARLIER_NOTE_ID, text: 'written before' } });
      expect((await mutate(backend.url, 'notes.add', await inOrg(), { text: 'in the organization' })).status).toBe(200);
      expect((await mutate(backend.url, 'notes.remove', await personal(), { id: EARLIER_NOTE_ID })).status).toBe(200);
      expect(eventData(await fromStart.next())).toEqual({ kind: 'removed', id: EARLIER_NOTE_ID });
      expect(await texts(await inOrg())).toEqual(['in the organization']);
      expect(await texts(await personal())).toEqual([]);
    } finally {
      fromStart.close();
    }
  });
});

/**
 * Mutations sent with an Idempotency-Key header, against the real server and database: a repeat
 * gets the first answer and changes nothing, per user and organization, and a key cannot be reused
 * for another call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type RunningBackend } from './helpers/backend';
import { createTestSigner, TEST_AUTHORIZED_PARTY, type TestSigner } from './helpers/tokens';
import { query } from './helpers/trpc-http';

let signer: TestSigner;
let backend: RunningBackend;

beforeAll(async () => {
  signer = await createTestSigner();
  backend = await startTestBackend({ CLERK_JWT_KEY: signer.publicKeyPem, CLERK_AUTHORIZED_PARTIES: TEST_AUTHORIZED_PARTY });
}, 60_000);

afterAll(async () => {
  await backend?.stop();
});

const tokenOf = (userId: string) => signer.sign({ sub: userId, sid: `sess_${userId}` });

/** A v2 session token of `userId` with `orgId` active, allowed to write its notes (`org:notes:write`). */
const orgTokenOf = (userId: string, orgId: string) =>
  signer.sign({ sub: userId, sid: `sess_${userId}`, extra: { fea: 'o:notes', o: { id: orgId, rol: 'admin', per: 'write', fpm: '1' } } });

async function mutateWithKey(userId: string, path: string, input: unknown, key?: string, orgId?: string) {
  const token = orgId === undefined ? await tokenOf(userId) : await orgTokenOf(userId, orgId);
  const response = await fetch(`${backend.url}/trpc/${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key !== undefined && { 'idempotency-key': key }),
    },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as {
    result?: { data: { json: { id: string } } };
    error?: { json: { message: string; data: { code: string } } };
  };
  return { status: response.status, note: body.result?.data.json, code: body.error?.json.data.code, message: body.error?.json.message };
}

async function noteTexts(userId: string, orgId?: string): Promise<string[]> {
  const token = orgId === undefined ? await tokenOf(userId) : await orgTokenOf(userId, orgId);
  const result = await query(backend.url, 'notes.list', token);
  return (result.body.data as { text: string }[]).map((note) => note.text);
}

describe('Idempotency-Key', () => {
  it('applies a repeated mutation once and answers the repeat with the first result', async () => {
    const first = await mutateWithKey('user_idem_a', 'notes.add', { text: 'once' }, 'change-0001');
    const repeat = await mutateWithKey('user_idem_a', 'notes.add', { text: 'once' }, 'change-0001');
    expect(first.status).toBe(200);
    expect(repeat).toEqual(first);
    expect(await noteTexts('user_idem_a')).toEqual(['once']);
  });

  it("keeps each user's keys apart, and leaves calls without a key alone", async () => {
    await mutateWithKey('user_idem_b', 'notes.add', { text: 'b' }, 'change-0001');
    await mutateWithKey('user_idem_b', 'notes.add', { text: 'no key' });
    await mutateWithKey('user_idem_b', 'notes.add', { text: 'no key' });
    expect((await noteTexts('user_idem_b')).sort()).toEqual(['b', 'no key', 'no key']);
  });

  it("never answers a key repeated in another organization with the first organization's result", async () => {
    const inA = await mutateWithKey('user_idem_org', 'notes.add', { text: 'in A' }, 'change-0004', 'org_idem_a');
    expect(inA.status).toBe(200);
    for (const orgId of ['org_idem_b', undefined]) {
      const elsewhere = await mutateWithKey('user_idem_org', 'notes.add', { text: 'in A' }, 'change-0004', orgId);
      expect(elsewhere).toMatchObject({ status: 409, code: 'CONFLICT', message: 'This Idempotency-Key was used in another organization.' });
      expect(elsewhere.note).toBeUndefined();
    }
    expect(await noteTexts('user_idem_org', 'org_idem_b')).toEqual([]);
    expect(await noteTexts('user_idem_org')).toEqual([]);
    expect(await mutateWithKey('user_idem_org', 'notes.add', { text: 'in A' }, 'change-0004', 'org_idem_a')).toEqual(inA);
    expect(await noteTexts('user_idem_org', 'org_idem_a')).toEqual(['in A']);
  });

  it('refuses a key reused for another procedure, and a malformed key', async () => {
    const added = await mutateWithKey('user_idem_c', 'notes.add', { text: 'c' }, 'change-0002');
    const reused = await mutateWithKey('user_idem_c', 'notes.remove', { id: added.note!.id }, 'change-0002');
    expect(reused.code).toBe('CONFLICT');
    expect(await noteTexts('user_idem_c')).toEqual(['c']);
    expect((await mutateWithKey('user_idem_c', 'notes.add', { text: 'x' }, 'a b')).code).toBe('BAD_REQUEST');
  });

  it('runs a refused call again on retry: only applied changes are remembered', async () => {
    const refused = await mutateWithKey('user_idem_d', 'notes.remove', { id: '0190a8f0-0000-7000-8000-000000000000' }, 'change-0003');
    expect(refused.code).toBe('NOT_FOUND');
    const again = await mutateWithKey('user_idem_d', 'notes.remove', { id: '0190a8f0-0000-7000-8000-000000000000' }, 'change-0003');
    expect(again.code).toBe('NOT_FOUND');
  });
});

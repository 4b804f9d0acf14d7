import { beforeAll, describe, expect, it } from 'vitest';
import { createSessionVerifier, type SessionAuth } from '../../src/kit/main/auth/verify-session';
import type { Context } from '../../src/kit/main/trpc/init';
import {
  createCallerFactory,
  protectedProcedure,
  requireFeature,
  requireOrg,
  requirePermission,
  requirePlan,
  requireRole,
  router,
} from '../../src/kit/main/trpc/init';
import { createTestKey, TEST_AZP, type TestKey } from '../helpers/keys';

const ok = () => 'ok';
const accessRouter = router({
  org: protectedProcedure.use(requireOrg).query(ok),
  admin: protectedProcedure.use(requireRole('org:admin')).query(ok),
  write: protectedProcedure.use(requirePermission('org:notes:write')).query(ok),
  export: protectedProcedure.use(requireFeature('u:export')).query(ok),
  pro: protectedProcedure.use(requirePlan('o:pro')).query(ok),
});

let key: TestKey;
beforeAll(async () => {
  key = await createTestKey();
});

/** A caller whose context holds what main's verifier makes of a token with these claims. */
async function callerWith(claims: Record<string, unknown> | null) {
  const verifier = createSessionVerifier({ jwtKey: key.pem, authorizedParties: [TEST_AZP] });
  const auth: SessionAuth | null = claims && (await verifier.verify(await key.sign({ v: 2, ...claims })));
  if (claims) expect(auth).not.toBeNull();
  const ctx: Context = { windowId: 1, token: null, auth, getFreshToken: async () => null, app: { name: 't', version: '1' } };
  return createCallerFactory(accessRouter)(ctx);
}

// v2: `o.per` names the permissions, `o.fpm` one bitmap per organization feature in `fea` (notes: 2 = write).
const member = { fea: 'o:notes,u:export', pla: 'o:pro', o: { id: 'org_1', slg: 'acme', rol: 'member', per: 'read,write', fpm: '2' } };

describe('access middlewares in main', () => {
  it('lets a caller in when the token grants what the procedure needs', async () => {
    const caller = await callerWith(member);
    expect(await Promise.all([caller.org(), caller.write(), caller.export(), caller.pro()])).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('answers FORBIDDEN saying what is missing', async () => {
    const caller = await callerWith({ ...member, o: { ...member.o, fpm: '1' } });
    await expect(caller.admin()).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'This needs the role "org:admin".' });
    await expect(caller.write()).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'This needs the permission "org:notes:write".' });
  });

  it('asks for an organization when there is none, and grants nothing of one without it', async () => {
    const caller = await callerWith({ fea: 'o:notes,u:export', pla: 'o:pro' });
    await expect(caller.org()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/active organization/) });
    await expect(caller.write()).rejects.toMatchObject({ message: expect.stringMatching(/org:notes:write.*choose one/) });
    await expect(caller.pro()).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'This needs the plan "o:pro".' });
    expect(await caller.export()).toBe('ok');
  });

  it('reads a malformed organization claim as no organization', async () => {
    const caller = await callerWith({ ...member, o: { ...member.o, rol: 7 } });
    await expect(caller.org()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.write()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers UNAUTHORIZED, not FORBIDDEN, when signed out or pending', async () => {
    await expect((await callerWith(null)).org()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect((await callerWith({ ...member, sts: 'pending' })).write()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

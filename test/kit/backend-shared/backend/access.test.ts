import { beforeAll, describe, expect, it } from 'vitest';
import { authenticateRequest } from '../src/kit/auth';
import {
  protectedProcedure,
  requireFeature,
  requireOrg,
  requirePermission,
  requirePlan,
  requireRole,
  router,
} from '../src/kit/trpc';
import { createTestSigner, TEST_AUTHORIZED_PARTY, type TestSigner } from './helpers/tokens';

const ok = () => 'ok';
const accessRouter = router({
  org: protectedProcedure.use(requireOrg).query(ok),
  admin: protectedProcedure.use(requireRole('admin')).query(ok),
  write: protectedProcedure.use(requirePermission('notes:write')).query(ok),
  export: protectedProcedure.use(requireFeature('export')).query(ok),
  pro: protectedProcedure.use(requirePlan('pro')).query(ok),
});

let signer: TestSigner;
beforeAll(async () => {
  signer = await createTestSigner();
});

/** A caller whose context holds what the backend makes of a request with a token carrying these claims. */
async function callerWith(extra: Record<string, unknown>) {
  const token = await signer.sign({ extra });
  const config = { jwtKey: signer.publicKeyPem, authorizedParties: [TEST_AUTHORIZED_PARTY], log: () => {} };
  const auth = await authenticateRequest(new Headers({ authorization: `Bearer ${token}` }), config);
  expect(auth).not.toBeNull();
  return accessRouter.createCaller({ auth });
}

const admin = { fea: 'o:notes,u:export', pla: 'u:pro', o: { id: 'org_1', rol: 'admin', per: 'read,write', fpm: '3' } };

describe('access middlewares on the backend', () => {
  it('lets a caller in when the token grants what the procedure needs (prefixes and scopes as in Clerk)', async () => {
    const caller = await callerWith(admin);
    const answers = await Promise.all([caller.org(), caller.admin(), caller.write(), caller.export(), caller.pro()]);
    expect(answers).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('answers FORBIDDEN saying what is missing', async () => {
    const caller = await callerWith({ ...admin, fea: 'o:notes', pla: '', o: { ...admin.o, rol: 'member', fpm: '1' } });
    for (const [call, missing] of [
      [caller.admin, 'the role "admin"'],
      [caller.write, 'the permission "notes:write"'],
      [caller.export, 'the feature "export"'],
      [caller.pro, 'the plan "pro"'],
    ] as const) {
      await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN', message: `This needs ${missing}.` });
    }
  });

  it('reads v1 organization claims, and a token without an organization gets none of its access', async () => {
    const v1 = await callerWith({ v: undefined, org_id: 'org_1', org_role: 'org:admin', org_permissions: ['org:notes:write'] });
    expect(await Promise.all([v1.org(), v1.admin(), v1.write()])).toEqual(['ok', 'ok', 'ok']);
    const none = await callerWith({ org_id: 'org_1', org_role: 'org:admin', org_permissions: ['org:notes:write'] });
    await expect(none.org()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/active organization/) });
    await expect(none.write()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers UNAUTHORIZED when signed out', async () => {
    await expect(accessRouter.createCaller({ auth: null }).org()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

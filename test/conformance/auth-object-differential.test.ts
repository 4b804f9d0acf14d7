/**
 * Differential test of `ctx.auth` against @clerk/backend's own signed-in auth object: many v1 and v2
 * session-token payloads (organization roles, permission bitmaps, user / organization features,
 * plans, malformed claims) go through @clerk/backend's `signedInAuthObject` and through the kit's
 * auth object (templates/base/src/kit/shared/auth-object.ts, the one file main and the backend both
 * run); every field and every `has()` answer must agree, except in the named cases below, where
 * ours is stricter. Then every payload is signed and verified by main's verifier and the backend's
 * (the Worker and the Node server share it), which must give that same object.
 */
import { createPrivateKey, sign as rsaSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signedInAuthObject } from '@clerk/backend/internal';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VERSIONS } from '../../src/versions.js';
import { authFromClaims, type AccessCheck, type AuthObject } from '../../templates/base/src/kit/shared/auth-object';
import { createSessionVerifier } from '../../templates/base/src/kit/main/auth/verify-session';
import { authenticateRequest } from '../../templates/backend-shared/backend/src/kit/auth';

const NOW_MS = Date.UTC(2030, 0, 1, 12, 0, 0);
const AZP = 'testapp://renderer';

/** Where ours answers less than @clerk/backend. None is a claim Clerk issues. */
const INTENTIONAL_DIFFERENCES = {
  'malformed-org':
    'an organization claim of the wrong shape (id or role missing, empty or not a string, a non-string slug, `per` or `fpm`, `org_permissions` not a list of strings, `o` not an object): Clerk keeps parts of it (a numeric `rol` becomes `org:5`, `org_id` without `org_role` still passes permission checks); ours reads no organization',
  'unknown-version':
    '`v` other than absent, 1 or 2: Clerk reads any such token as v1; ours reads no organization, features or plans from a format it does not know',
  'unreadable-claims':
    '`fea` not a comma list of `scope:name` (or `per` / `fpm` not strings) in a v2 token with `o`: @clerk/backend throws while building the auth object, failing every request with the token; ours answers as for the same token without `o` (no organization; no features when `fea` is unreadable)',
  'org-scope-without-org':
    'organization features and plans (`o:` / `ou:` in `fea` / `pla`) without an active organization: Clerk grants them; ours only with an organization',
  'scoped-name':
    'has() asked for a feature or plan with an empty part or more than one colon (`o:`, `o:a:b`): Clerk checks `o` or `a`; ours refuses',
  'fva-shape': '`fva` not a pair of numbers: Clerk returns it as factorVerificationAge; ours null',
} as const;
type Difference = keyof typeof INTENTIONAL_DIFFERENCES;

interface Case {
  name: string;
  claims: Record<string, unknown>;
  differs?: Difference;
}

interface Query {
  check: AccessCheck;
  differs?: Difference;
}

const FEATURES = ['notes', 'billing', 'team'];
const PERMISSIONS = ['read', 'write', 'manage'];
const NAMES = ['notes', 'billing', 'team', 'pro', 'free', 'other'];

function v2Cases(): Case[] {
  const cases: Case[] = [];
  const feaLists = ['', 'o:notes', 'o:notes,o:billing', 'o:notes,u:billing,ou:team', 'uo:notes, o:billing ,u:pro', 'u:pro'];
  const perFpm: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ['read,write,manage', '1,3,7'],
    ['read,write,manage', '7'],
    ['read, write', '2, 1,3'],
    ['read,write,manage', '0,5'],
    ['read,write', 'x,3'],
    ['read,write', '18446744073709551619'],
    ['read', ''],
  ];
  const roles = ['admin', 'member', 'org:admin'];
  for (const fea of feaLists) {
    for (const [per, fpm] of perFpm) {
      for (const rol of roles) {
        cases.push({
          name: `v2 rol=${rol} fea=${fea} per=${per} fpm=${fpm}`,
          claims: { v: 2, fea, pla: 'o:pro,u:free', o: { id: 'org_1', slg: 'acme', rol, per, fpm } },
        });
      }
    }
    const orgScoped = /(^|,)\s*(o|ou|uo):/.test(fea);
    cases.push({
      name: `v2 no org fea=${fea}`,
      claims: { v: 2, fea, pla: 'u:free' },
      ...(orgScoped && { differs: 'org-scope-without-org' }),
    });
    cases.push({
      name: `v2 no org, org plan, fea=${fea}`,
      claims: { v: 2, fea, pla: 'o:pro' },
      differs: 'org-scope-without-org',
    });
  }
  const org = { id: 'org_1', slg: 'acme', rol: 'admin', per: 'read,write', fpm: '3' };
  const malformed: [string, unknown][] = [
    ['o a string', 'org_1'],
    ['o an array', ['org_1']],
    ['o without id', { ...org, id: undefined }],
    ['o with an empty id', { ...org, id: '' }],
    ['o with a numeric id', { ...org, id: 5 }],
    ['o without rol', { ...org, rol: undefined }],
    ['o with an empty rol', { ...org, rol: '' }],
    ['o with a numeric rol', { ...org, rol: 5 }],
    ['o with an object rol', { ...org, rol: { admin: true } }],
    ['o with a numeric slg', { ...org, slg: 7 }],
  ];
  for (const [name, o] of malformed) {
    cases.push({ name: `v2 ${name}`, claims: { v: 2, fea: 'o:notes,u:pro', pla: 'o:pro', o }, differs: 'malformed-org' });
  }
  const unreadable: [string, Record<string, unknown>][] = [
    ['fea without a colon', { fea: 'notes' }],
    ['fea with an empty element', { fea: 'o:notes,' }],
    ['fea a number', { fea: 5 }],
    ['fea a list', { fea: ['o:notes'] }],
    ['per a number', { o: { ...org, per: 3 } }],
    ['fpm a number', { o: { ...org, fpm: 3 } }],
  ];
  for (const [name, claims] of unreadable) {
    cases.push({
      name: `v2 ${name}`,
      claims: { v: 2, fea: 'o:notes', pla: 'u:free', o: org, ...claims },
      differs: 'unreadable-claims',
    });
  }
  cases.push(
    { name: 'v2 o null', claims: { v: 2, fea: 'u:pro', o: null } },
    { name: 'v2 o empty string', claims: { v: 2, fea: 'u:pro', o: '' } },
    { name: 'v2 pla unreadable', claims: { v: 2, fea: 'o:notes', pla: 'pro', o: org } },
    { name: 'v2 unknown scopes in fea', claims: { v: 2, fea: 'x:notes,o:billing,:team', o: { ...org, fpm: '3,3' } } },
    {
      name: 'v2 with v1 org claims too',
      claims: { v: 2, org_id: 'org_9', org_role: 'org:admin', org_permissions: ['org:notes:write'] },
    },
  );
  return cases;
}

function v1Cases(): Case[] {
  const cases: Case[] = [];
  const permissionLists = [
    undefined,
    [],
    ['org:notes:read'],
    ['org:notes:read', 'org:notes:write', 'org:billing:manage'],
    ['notes:read'],
  ];
  for (const version of [undefined, 1]) {
    for (const role of ['org:admin', 'admin', 'org:member']) {
      for (const permissions of permissionLists) {
        cases.push({
          name: `v1 (v=${version}) role=${role} permissions=${JSON.stringify(permissions)}`,
          claims: {
            v: version,
            org_id: 'org_1',
            org_slug: 'acme',
            org_role: role,
            org_permissions: permissions,
            fea: 'u:pro',
            pla: 'u:free',
          },
        });
      }
    }
    cases.push({ name: `v1 (v=${version}) no org`, claims: { v: version, fea: 'u:pro,u:notes', pla: 'u:free' } });
  }
  const org = { org_id: 'org_1', org_slug: 'acme', org_role: 'org:admin', org_permissions: ['org:notes:write'] };
  const malformed: [string, Record<string, unknown>][] = [
    ['org_id without org_role', { org_role: undefined }],
    ['empty org_role', { org_role: '' }],
    ['numeric org_role', { org_role: 3 }],
    ['empty org_id', { org_id: '' }],
    ['numeric org_id', { org_id: 1 }],
    ['org_permissions a string', { org_permissions: 'org:notes:write' }],
    ['org_permissions with a number', { org_permissions: ['org:notes:write', 4] }],
    ['numeric org_slug', { org_slug: 4 }],
  ];
  for (const [name, claims] of malformed) {
    cases.push({ name: `v1 ${name}`, claims: { ...org, ...claims }, differs: 'malformed-org' });
  }
  cases.push(
    {
      name: 'v1 with an o claim too',
      claims: { o: { id: 'org_9', rol: 'admin', per: 'write', fpm: '1' }, fea: 'o:notes' },
      differs: 'org-scope-without-org',
    },
    { name: 'v1 org features without an org', claims: { fea: 'o:notes,u:pro', pla: 'o:pro' }, differs: 'org-scope-without-org' },
    { name: 'v null', claims: { v: null, ...org } },
  );
  for (const v of [3, 0, '2', '1', true]) {
    cases.push({
      name: `v=${JSON.stringify(v)}`,
      claims: { v, ...org, fea: 'u:pro', pla: 'u:free' },
      differs: 'unknown-version',
    });
  }
  return cases;
}

function otherCases(): Case[] {
  return [
    { name: 'fva fresh', claims: { v: 2, fva: [0, 3] } },
    { name: 'fva no second factor', claims: { v: 2, fva: [12, -1] } },
    { name: 'fva one number', claims: { v: 2, fva: [5] }, differs: 'fva-shape' },
    { name: 'fva strings', claims: { v: 2, fva: ['1', '2'] }, differs: 'fva-shape' },
    { name: 'fva negative', claims: { v: 2, fva: [-5, 2] }, differs: 'fva-shape' },
    { name: 'fva an object', claims: { v: 2, fva: { a: 1 } }, differs: 'fva-shape' },
    { name: 'pending', claims: { v: 2, sts: 'pending', o: { id: 'org_1', rol: 'admin' } } },
  ];
}

const CASES: Case[] = [...v2Cases(), ...v1Cases(), ...otherCases()];

function queries(): Query[] {
  const list: Query[] = [{ check: {} }];
  for (const role of ['org:admin', 'admin', 'org:org:admin', 'org:member', 'member', '', 'org:']) list.push({ check: { role } });
  for (const feature of FEATURES) {
    for (const permission of PERMISSIONS) {
      list.push({ check: { permission: `org:${feature}:${permission}` } }, { check: { permission: `${feature}:${permission}` } });
      list.push({ check: { role: 'org:admin', permission: `org:${feature}:${permission}` } });
    }
  }
  for (const name of NAMES) {
    for (const scope of ['', 'o:', 'u:', 'org:', 'organization:', 'user:', 'x:']) {
      list.push({ check: { feature: `${scope}${name}` } }, { check: { plan: `${scope}${name}` } });
    }
    list.push({ check: { feature: name, plan: 'free' } });
    list.push(
      { check: { feature: `o:${name}:extra` }, differs: 'scoped-name' },
      { check: { plan: `u:${name}:x` }, differs: 'scoped-name' },
    );
  }
  for (const scope of ['o', 'u', 'org', 'user', 'organization']) {
    list.push(
      { check: { feature: `${scope}:` }, differs: 'scoped-name' },
      { check: { plan: `${scope}:` }, differs: 'scoped-name' },
    );
  }
  list.push(
    { check: { feature: ':notes' } },
    { check: { role: 5 as unknown as string } },
    { check: { permission: null as unknown as string } },
  );
  return list;
}

const QUERIES = queries();
const FIELDS = ['userId', 'sessionId', 'orgId', 'orgRole', 'orgSlug', 'orgPermissions', 'factorVerificationAge'] as const;

type Clerk = ReturnType<typeof signedInAuthObject>;

const payload = (testCase: Case) => ({
  sub: 'user_1',
  sid: 'sess_1',
  azp: AZP,
  iat: NOW_MS / 1000 - 10,
  nbf: NOW_MS / 1000 - 10,
  exp: NOW_MS / 1000 + 60,
  ...testCase.claims,
});

function clerkAuth(testCase: Case): Clerk | 'throws' {
  try {
    return signedInAuthObject({}, 'token', payload(testCase) as never);
  } catch {
    return 'throws';
  }
}

interface Disagreement {
  reason: Difference | 'unexplained';
  where: string;
}

/** Every place ours and Clerk disagree on one payload; fails when ours grants something Clerk does not. */
function compare(testCase: Case): Disagreement[] {
  const ours = authFromClaims(payload(testCase));
  const clerk = clerkAuth(testCase);
  const found: Disagreement[] = [];
  const note = (where: string, differs?: Difference) =>
    found.push({ reason: differs ?? testCase.differs ?? 'unexplained', where });
  if (clerk === 'throws') {
    // Ours then answers exactly as for the same token without its `o` claim.
    expect(observable(ours)).toEqual(observable(authFromClaims({ ...payload(testCase), o: undefined })));
    expect(ours.orgId).toBeUndefined();
    note('@clerk/backend throws');
    return found;
  }
  for (const field of FIELDS) {
    if (JSON.stringify(ours[field]) === JSON.stringify(clerk[field])) continue;
    // Ours may only have less: no organization, or no factor ages.
    expect({ field, ours: ours[field] }).toMatchObject({ ours: field === 'factorVerificationAge' ? null : undefined });
    note(field);
  }
  for (const query of QUERIES) {
    const [ourAnswer, clerkAnswer] = [ours.has(query.check), clerk.has(query.check as never)];
    if (ourAnswer === clerkAnswer) continue;
    expect({ query: query.check, ours: ourAnswer }).toEqual({ query: query.check, ours: false });
    note(`has(${JSON.stringify(query.check)})`, query.differs);
  }
  return found;
}

function signToken(claims: Record<string, unknown>, key: KeyObject): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'RS256', kid: 'ins_key', typ: 'JWT', cat: 'cl_B7d4PD111AAA' })}.${part(claims)}`;
  return `${input}.${rsaSign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** The fields and has() answers of an auth object, comparable with toEqual. */
const observable = (auth: AuthObject | null) =>
  auth && {
    ...Object.fromEntries(FIELDS.map((field) => [field, auth[field]])),
    status: auth.status,
    has: QUERIES.map(({ check }) => auth.has(check)),
  };

let pem: string;
let privateKey: KeyObject;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW_MS);
  const pair = await generateKeyPair('RS256', { extractable: true });
  pem = await exportSPKI(pair.publicKey);
  privateKey = createPrivateKey(await exportPKCS8(pair.privateKey));
});

afterAll(() => {
  vi.useRealTimers();
});

describe('ctx.auth against @clerk/backend signedInAuthObject', () => {
  it('checks the @clerk/backend version this table was written for (re-check it when the pin moves)', () => {
    const installed = JSON.parse(
      readFileSync(new URL('../../node_modules/@clerk/backend/package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    expect(installed.version).toBe(VERSIONS['@clerk/backend']);
  });

  it('runs many distinct payloads and questions', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(200);
    expect(QUERIES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map(({ name }) => name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const disagreements = compare(testCase);
    expect(disagreements.filter(({ reason }) => reason === 'unexplained')).toEqual([]);
    // A case said to differ really does, so the list below stays honest.
    if (testCase.differs) expect(disagreements.map(({ reason }) => reason)).toContain(testCase.differs);
  });

  it('differs only for the named reasons, each of them seen', () => {
    const reasons = new Set(CASES.flatMap((testCase) => compare(testCase).map(({ reason }) => reason)));
    expect([...reasons].sort()).toEqual(Object.keys(INTENTIONAL_DIFFERENCES).sort());
  });

  it('agrees on real organizations: roles, bitmap permissions and scoped features', () => {
    const clerk = clerkAuth({
      name: '',
      claims: { v: 2, fea: 'o:notes,u:pro', o: { id: 'org_1', rol: 'admin', per: 'read,write', fpm: '2' } },
    });
    const ours = authFromClaims(
      payload({
        name: '',
        claims: { v: 2, fea: 'o:notes,u:pro', o: { id: 'org_1', rol: 'admin', per: 'read,write', fpm: '2' } },
      }),
    );
    expect(clerk).not.toBe('throws');
    expect(ours.orgPermissions).toEqual(['org:notes:write']);
    expect(ours.orgPermissions).toEqual((clerk as Clerk).orgPermissions);
    expect([ours.has({ role: 'admin' }), ours.has({ permission: 'org:notes:read' }), ours.has({ feature: 'u:pro' })]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('is what main and the backend put in ctx.auth for each signed payload', async () => {
    const main = createSessionVerifier({ jwtKey: pem, authorizedParties: [AZP] });
    for (const testCase of CASES) {
      const claims = Object.fromEntries(Object.entries(payload(testCase)).filter(([, value]) => value !== undefined));
      const token = signToken(claims, privateKey);
      const expected = observable(authFromClaims(claims));
      const fromBackend = await authenticateRequest(new Headers({ authorization: `Bearer ${token}` }), {
        jwtKey: pem,
        authorizedParties: [AZP],
        log: () => {},
      });
      expect({ case: testCase.name, auth: observable(await main.verify(token)) }).toEqual({
        case: testCase.name,
        auth: expected,
      });
      expect({ case: testCase.name, auth: observable(fromBackend) }).toEqual({ case: testCase.name, auth: expected });
    }
  }, 60_000);
});

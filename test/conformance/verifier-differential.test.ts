/**
 * Differential test of the three session-token verifiers a generated app runs, on one key and one
 * frozen clock: main's (templates/base, in PEM and in JWKS mode), the backend's
 * (templates/backend-shared: @clerk/backend `verifyToken` plus its session rules) and
 * @clerk/backend's `verifyToken` itself. Every variant's verdict is pinned per verifier below, and
 * every case where main disagrees with Clerk must be a named, intentional difference where main is
 * stricter (the generated README, "Token verification rules", explains each).
 */
import { createHmac, createPrivateKey, sign as rsaSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { verifyToken } from '@clerk/backend';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VERSIONS } from '../../src/versions.js';
import { createSessionVerifier } from '../../templates/base/src/kit/main/auth/verify-session';
import { authenticateRequest } from '../../templates/backend-shared/backend/src/kit/auth';

const NOW_MS = Date.UTC(2030, 0, 1, 12, 0, 0);
const NOW = NOW_MS / 1000;
const AZP = 'testapp://renderer';
const KID = 'ins_key_1';
const SESSION_CAT = 'cl_B7d4PD111AAA';
const M2M_CAT = 'cl_B7d4PD333AAA';
const IGNORE_CAT = 'cl_I7d4PD111III';
const MAX_DATE_SECONDS = 8.64e12;

/**
 * Where main (both modes) and the backend refuse what @clerk/backend `verifyToken` accepts. Each is
 * an input Clerk never issues for a session token; none is needed to accept a real one.
 */
const INTENTIONAL_DIFFERENCES = {
  'non-session-category':
    "a `cat` other than Clerk's session categories: Clerk's authenticateRequest refuses it too (verifyToken checks only the M2M one)",
  'machine-subject': "`sub` starting `mch_`: Clerk's authenticateRequest classifies it as an M2M token",
  crit: 'a `crit` header: Clerk sets none; @clerk/backend ignores it, RFC 7515 says unknown ones must be refused',
  'strict-utf8': '@clerk/backend decodes invalid UTF-8 to U+FFFD instead of refusing it',
  'numeric-date':
    'exp / nbf / iat not an integer within the Date range: @clerk/backend compares an Invalid Date (always false), so `exp: -1e13` never expires',
  'session-ids': '`sub` empty, or `sid` missing, empty or not a string: no session to identify',
  'sts-type': '`sts` present but not a string',
} as const;
type Difference = keyof typeof INTENTIONAL_DIFFERENCES;

type Part = Record<string, unknown> | unknown[] | string | Uint8Array;
type Signing = 'rs256' | 'rs384' | 'rs512' | 'other-key' | 'none' | 'hs256-pem' | 'tampered' | 'empty';

interface Variant {
  name: string;
  /** Header fields over the default ({ alg: RS256, kid, typ: JWT, cat: session }); undefined removes one */
  header?: Record<string, unknown>;
  /** Claims over the default; undefined removes one */
  claims?: Record<string, unknown>;
  /** Exact header / payload instead of the defaults (JSON text or bytes) */
  rawHeader?: Part;
  rawPayload?: Part;
  /** Default rs256 with the instance key */
  signing?: Signing;
  /** A literal token instead */
  token?: string;
  /** Does @clerk/backend verifyToken (PEM mode) accept it? */
  clerk: boolean;
  /** Set when main and the backend refuse what Clerk accepts */
  differs?: Difference;
  /** JWKS served to main in JWKS mode (default: the instance key) */
  jwks?: 'default' | 'ambiguous' | 'other-key-same-kid' | 'enc-use' | 'rs384-alg';
  /** Main's verdict in JWKS mode when it differs from PEM mode (key selection by kid) */
  mainJwks?: boolean;
}

const accept = (name: string, rest: Omit<Variant, 'name' | 'clerk'> = {}): Variant => ({ name, clerk: true, ...rest });
const reject = (name: string, rest: Omit<Variant, 'name' | 'clerk'> = {}): Variant => ({ name, clerk: false, ...rest });
const stricter = (differs: Difference, name: string, rest: Omit<Variant, 'name' | 'clerk' | 'differs'> = {}): Variant => ({
  name,
  clerk: true,
  differs,
  ...rest,
});
const latin1 = (text: string) => Buffer.from(text, 'latin1');

const VARIANTS: Variant[] = [
  accept('a realistic session token'),
  // typ
  accept('typ absent', { header: { typ: undefined } }),
  ...['jwt', 'Jwt', 'JOSE', 'JWS', 'at+jwt', 'application/at+jwt', 'application/jwt', '', 'JWT '].map((typ) =>
    reject(`typ ${JSON.stringify(typ)}`, { header: { typ } }),
  ),
  ...[1, null, true, ['JWT'], { v: 'JWT' }].map((typ) => reject(`typ ${JSON.stringify(typ)}`, { header: { typ } })),
  reject('typ at+jwt with an M2M subject', { header: { typ: 'at+jwt' }, claims: { sub: 'mch_1' } }),
  // cat
  accept('cat absent', { header: { cat: undefined } }),
  accept('cat ignore', { header: { cat: IGNORE_CAT } }),
  reject('cat M2M', { header: { cat: M2M_CAT } }),
  ...['cl_unknown', 'cl_B7d4PD222AAA', '', 'CL_B7D4PD111AAA'].map((cat) =>
    stricter('non-session-category', `cat ${JSON.stringify(cat)}`, { header: { cat } }),
  ),
  ...[1, null, [SESSION_CAT]].map((cat) => stricter('non-session-category', `cat ${JSON.stringify(cat)}`, { header: { cat } })),
  // crit
  stricter('crit', 'crit with an unknown extension', { header: { crit: ['x'], x: 1 } }),
  stricter('crit', 'crit naming a missing parameter', { header: { crit: ['x'] } }),
  stricter('crit', 'crit empty', { header: { crit: [] } }),
  stricter('crit', 'crit not an array', { header: { crit: 'x' } }),
  stricter('crit', 'crit b64 true', { header: { crit: ['b64'], b64: true } }),
  // alg and signature
  reject('alg none, no signature', { header: { alg: 'none' }, signing: 'none' }),
  reject('alg none with an RS256 signature', { header: { alg: 'none' } }),
  reject('alg HS256 keyed with the PEM', { header: { alg: 'HS256' }, signing: 'hs256-pem' }),
  reject('alg missing', { header: { alg: undefined } }),
  reject('alg rs256 in lower case', { header: { alg: 'rs256' } }),
  reject('alg PS256', { header: { alg: 'PS256' } }),
  reject('alg ES256', { header: { alg: 'ES256' } }),
  // @clerk/backend imports the key as RS256 only, so these fail there too.
  reject('alg RS384, signed by the instance key', { header: { alg: 'RS384' }, signing: 'rs384' }),
  reject('alg RS512, signed by the instance key', { header: { alg: 'RS512' }, signing: 'rs512' }),
  reject('alg RS384 header over an RS256 signature', { header: { alg: 'RS384' } }),
  reject('signed by another key', { signing: 'other-key' }),
  reject('tampered signature', { signing: 'tampered' }),
  reject('empty signature', { signing: 'empty' }),
  // iat
  accept('iat absent', { claims: { iat: undefined } }),
  accept('iat now + 5 s (the clock skew)', { claims: { iat: NOW + 5 } }),
  reject('iat now + 6 s', { claims: { iat: NOW + 6 } }),
  reject('iat now + 60 s', { claims: { iat: NOW + 60 } }),
  reject('iat a year ahead', { claims: { iat: NOW + 31_536_000 } }),
  accept('iat an hour ago', { claims: { iat: NOW - 3600 } }),
  accept('iat 0', { claims: { iat: 0 } }),
  accept('iat -1', { claims: { iat: -1 } }),
  reject('iat a string', { claims: { iat: String(NOW) } }),
  reject('iat null', { claims: { iat: null } }),
  reject('iat true', { claims: { iat: true } }),
  stricter('numeric-date', 'iat fractional', { claims: { iat: NOW - 0.5 } }),
  stricter('numeric-date', 'iat after the Date range', { claims: { iat: 1e13 } }),
  stricter('numeric-date', 'iat before the Date range', { claims: { iat: -1e13 } }),
  // exp
  accept('exp now', { claims: { exp: NOW } }),
  accept('exp now - 4 s (within the skew)', { claims: { exp: NOW - 4 } }),
  reject('exp now - 5 s', { claims: { exp: NOW - 5 } }),
  reject('exp an hour ago', { claims: { exp: NOW - 3600 } }),
  reject('exp 0', { claims: { exp: 0 } }),
  reject('exp absent', { claims: { exp: undefined } }),
  reject('exp a string', { claims: { exp: String(NOW + 60) } }),
  reject('exp null', { claims: { exp: null } }),
  reject('exp an array', { claims: { exp: [NOW + 60] } }),
  accept('exp the last second of the Date range', { claims: { exp: MAX_DATE_SECONDS } }),
  stricter('numeric-date', 'exp one second after the Date range', { claims: { exp: MAX_DATE_SECONDS + 1 } }),
  stricter('numeric-date', 'exp 1e13', { claims: { exp: 1e13 } }),
  stricter('numeric-date', 'exp -1e13 (never expires in @clerk/backend)', { claims: { exp: -1e13 } }),
  stricter('numeric-date', 'exp fractional', { claims: { exp: NOW + 60.5 } }),
  stricter('numeric-date', 'exp 1e400 (Infinity)', { rawPayload: payloadText({ exp: '1e400' }) }),
  // nbf
  accept('nbf absent', { claims: { nbf: undefined } }),
  accept('nbf now + 5 s (the clock skew)', { claims: { nbf: NOW + 5 } }),
  reject('nbf now + 6 s', { claims: { nbf: NOW + 6 } }),
  reject('nbf an hour ahead', { claims: { nbf: NOW + 3600 } }),
  reject('nbf a string', { claims: { nbf: String(NOW) } }),
  reject('nbf null', { claims: { nbf: null } }),
  accept('nbf 0', { claims: { nbf: 0 } }),
  stricter('numeric-date', 'nbf fractional', { claims: { nbf: NOW - 0.5 } }),
  stricter('numeric-date', 'nbf fractional, just within the skew', { claims: { nbf: NOW + 4.5 } }),
  stricter('numeric-date', 'nbf after the Date range (never valid elsewhere)', { claims: { nbf: 1e13 } }),
  stricter('numeric-date', 'nbf before the Date range', { claims: { nbf: -1e13 } }),
  // sub
  reject('sub absent', { claims: { sub: undefined } }),
  reject('sub a number', { claims: { sub: 42 } }),
  reject('sub null', { claims: { sub: null } }),
  reject('sub an array', { claims: { sub: ['user_1'] } }),
  stricter('session-ids', 'sub empty', { claims: { sub: '' } }),
  stricter('machine-subject', 'sub mch_ (M2M machine)', { claims: { sub: 'mch_1' } }),
  accept('sub a user id with unicode', { claims: { sub: 'user_é' } }),
  // sid
  stricter('session-ids', 'sid absent', { claims: { sid: undefined } }),
  stricter('session-ids', 'sid a number', { claims: { sid: 42 } }),
  stricter('session-ids', 'sid empty', { claims: { sid: '' } }),
  stricter('session-ids', 'sid null', { claims: { sid: null } }),
  stricter('session-ids', 'sid an object', { claims: { sid: { id: 'sess_1' } } }),
  // azp
  reject('azp absent', { claims: { azp: undefined } }),
  reject('azp another origin', { claims: { azp: 'https://evil.example' } }),
  reject('azp the dev server (not configured)', { claims: { azp: 'http://localhost:5173' } }),
  reject('azp empty', { claims: { azp: '' } }),
  reject('azp null', { claims: { azp: null } }),
  reject('azp a number', { claims: { azp: 1 } }),
  reject('azp an array with the right origin', { claims: { azp: [AZP] } }),
  reject('azp with a trailing slash', { claims: { azp: `${AZP}/` } }),
  reject('azp in upper case', { claims: { azp: AZP.toUpperCase() } }),
  // sts
  accept('sts absent', { claims: { sts: undefined } }),
  accept('sts pending', { claims: { sts: 'pending' } }),
  accept('sts an unknown status', { claims: { sts: 'ended' } }),
  stricter('sts-type', 'sts a number', { claims: { sts: 1 } }),
  stricter('sts-type', 'sts null', { claims: { sts: null } }),
  stricter('sts-type', 'sts an object', { claims: { sts: { status: 'active' } } }),
  // other claims are not checked by either
  accept('iss of another instance', { claims: { iss: 'https://clerk.other.example' } }),
  accept('aud present', { claims: { aud: 'anything' } }),
  accept('v 1 claims (no sts, no v)', { claims: { sts: undefined, v: undefined } }),
  accept('an organization claim', { claims: { o: { id: 'org_1', rol: 'admin' } } }),
  // encoding
  stricter('strict-utf8', 'invalid UTF-8 in the payload', {
    rawPayload: Buffer.concat([latin1(payloadText({}).slice(0, -1)), latin1(',"x":"\xff"}')]),
  }),
  stricter('strict-utf8', 'invalid UTF-8 in the header', { rawHeader: latin1(`{"alg":"RS256","typ":"JWT","x":"\xc3\x28"}`) }),
  stricter('strict-utf8', 'a lone surrogate encoded in the payload', {
    rawPayload: Buffer.concat([latin1(payloadText({}).slice(0, -1)), latin1(',"x":"\xed\xa0\x80"}')]),
  }),
  accept('unicode in the payload', { claims: { name: 'Zoë 🚀' } }),
  reject('payload a JSON array', { rawPayload: '[]' }),
  reject('payload a JSON string', { rawPayload: '"user_1"' }),
  reject('payload not JSON', { rawPayload: 'not json' }),
  reject('header not JSON', { rawHeader: 'not json' }),
  reject('header a JSON array', { rawHeader: '["RS256"]' }),
  reject('garbage', { token: 'garbage' }),
  reject('empty', { token: '' }),
  reject('two parts', { token: 'a.b' }),
  reject('four parts', { token: 'a.b.c.d' }),
  reject('three empty parts', { token: '..' }),
  // kid: ignored in PEM mode (both), used to pick the JWKS key in JWKS mode
  accept('kid absent (the JWKS has one key)', { header: { kid: undefined } }),
  accept('kid unknown', { header: { kid: 'ins_unknown' }, mainJwks: false }),
  accept('kid a number', { header: { kid: 1 }, mainJwks: false }),
  accept('kid empty', { header: { kid: '' }, mainJwks: false }),
  accept('JWKS with two keys under the token kid', { jwks: 'ambiguous', mainJwks: false }),
  accept('JWKS whose key under the kid is another key', { jwks: 'other-key-same-kid', mainJwks: false }),
  accept('JWKS whose key is for encryption (use enc)', { jwks: 'enc-use', mainJwks: false }),
  accept('JWKS whose key is for RS384', { jwks: 'rs384-alg', mainJwks: false }),
  reject('signed by another key whose kid is in the JWKS', { signing: 'other-key', jwks: 'ambiguous' }),
];

function defaultClaims(): Record<string, unknown> {
  return {
    sub: 'user_1',
    sid: 'sess_1',
    azp: AZP,
    sts: 'active',
    v: 2,
    iss: 'https://clerk.test.example',
    jti: 'jti_1',
    iat: NOW,
    nbf: NOW - 5,
    exp: NOW + 60,
  };
}

/** The default claims as JSON text, with `raw` values spliced in unquoted (e.g. `1e400`). */
function payloadText(raw: Record<string, string>): string {
  const claims = defaultClaims();
  for (const name of Object.keys(raw)) delete claims[name];
  const extra = Object.entries(raw).map(([name, value]) => `,${JSON.stringify(name)}:${value}`);
  return `${JSON.stringify(claims).slice(0, -1)}${extra.join('')}}`;
}

interface Keys {
  pem: string;
  jwk: JWK;
  privateKey: KeyObject;
  otherJwk: JWK;
  otherPrivateKey: KeyObject;
}

async function createKeys(): Promise<Keys> {
  const [own, other] = await Promise.all([
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
  ]);
  return {
    pem: await exportSPKI(own.publicKey),
    jwk: { ...(await exportJWK(own.publicKey)), kid: KID, alg: 'RS256', use: 'sig' },
    privateKey: createPrivateKey(await exportPKCS8(own.privateKey)),
    otherJwk: { ...(await exportJWK(other.publicKey)), kid: KID, alg: 'RS256', use: 'sig' },
    otherPrivateKey: createPrivateKey(await exportPKCS8(other.privateKey)),
  };
}

const encodePart = (part: Part) =>
  Buffer.from(typeof part === 'string' || part instanceof Uint8Array ? part : JSON.stringify(part)).toString('base64url');

function buildToken(variant: Variant, keys: Keys): string {
  if (variant.token !== undefined) return variant.token;
  const header = variant.rawHeader ?? { alg: 'RS256', kid: KID, typ: 'JWT', cat: SESSION_CAT, ...variant.header };
  const payload = variant.rawPayload ?? { ...defaultClaims(), ...variant.claims };
  const input = `${encodePart(header)}.${encodePart(payload)}`;
  const data = Buffer.from(input);
  const signature: Record<Signing, () => Buffer> = {
    rs256: () => rsaSign('sha256', data, keys.privateKey),
    rs384: () => rsaSign('sha384', data, keys.privateKey),
    rs512: () => rsaSign('sha512', data, keys.privateKey),
    'other-key': () => rsaSign('sha256', data, keys.otherPrivateKey),
    none: () => Buffer.alloc(0),
    'hs256-pem': () => createHmac('sha256', keys.pem).update(data).digest(),
    tampered: () => {
      const bytes = rsaSign('sha256', data, keys.privateKey);
      bytes[0] = bytes[0]! ^ 0xff;
      return bytes;
    },
    empty: () => Buffer.alloc(0),
  };
  return `${input}.${signature[variant.signing ?? 'rs256']().toString('base64url')}`;
}

function jwksFor(variant: Variant, keys: Keys): JWK[] {
  switch (variant.jwks ?? 'default') {
    case 'default':
      return [keys.jwk];
    case 'ambiguous':
      return [keys.jwk, keys.otherJwk];
    case 'other-key-same-kid':
      return [keys.otherJwk];
    case 'enc-use':
      return [{ ...keys.jwk, use: 'enc' }];
    case 'rs384-alg':
      return [{ ...keys.jwk, alg: 'RS384' }];
  }
}

interface Verdicts {
  clerk: boolean;
  mainPem: boolean;
  mainJwks: boolean;
  backend: boolean;
}

async function runVerifiers(variant: Variant, keys: Keys): Promise<Verdicts> {
  const token = buildToken(variant, keys);
  const jwks = jwksFor(variant, keys);
  const fetchJwks = (async () => Response.json({ keys: jwks })) as typeof fetch;
  const mainPem = createSessionVerifier({ jwtKey: keys.pem, authorizedParties: [AZP] });
  const mainJwks = createSessionVerifier({
    publishableKey: `pk_test_${btoa('clerk.test.example$')}`,
    fetch: fetchJwks,
    authorizedParties: [AZP],
  });
  const clerk = verifyToken(token, { jwtKey: keys.pem, authorizedParties: [AZP] }).then(
    () => true,
    () => false,
  );
  const backend = authenticateRequest(new Headers({ authorization: `Bearer ${token}` }), {
    jwtKey: keys.pem,
    authorizedParties: [AZP],
    log: () => {},
  });
  const [clerkOk, pemAuth, jwksAuth, backendAuth] = await Promise.all([
    clerk,
    mainPem.verify(token),
    mainJwks.verify(token),
    backend,
  ]);
  return { clerk: clerkOk, mainPem: pemAuth !== null, mainJwks: jwksAuth !== null, backend: backendAuth !== null };
}

function expectedVerdicts(variant: Variant): Verdicts {
  const main = variant.clerk && variant.differs === undefined;
  return { clerk: variant.clerk, mainPem: main, mainJwks: variant.mainJwks ?? main, backend: main };
}

let keys: Keys;
const results = new Map<string, Verdicts>();

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW_MS);
  keys = await createKeys();
  for (const variant of VARIANTS) results.set(variant.name, await runVerifiers(variant, keys));
}, 60_000);

afterAll(() => {
  vi.useRealTimers();
});

describe('session token verifiers: main (PEM, JWKS), backend, @clerk/backend', () => {
  it('checks the @clerk/backend version this table was written for (re-check the table when the pin moves)', () => {
    const installed = JSON.parse(
      readFileSync(new URL('../../node_modules/@clerk/backend/package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    expect(installed.version).toBe(VERSIONS['@clerk/backend']);
  });

  it('runs a broad set of distinct variants', () => {
    expect(VARIANTS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(VARIANTS.map((variant) => variant.name)).size).toBe(VARIANTS.length);
  });

  it.each(VARIANTS.map((variant) => [variant.name, variant] as const))('%s', (_name, variant) => {
    expect(results.get(variant.name)).toEqual(expectedVerdicts(variant));
  });

  it('differs from @clerk/backend only where main is stricter, for the named reasons', () => {
    const disagreements = new Map<string, Set<string>>();
    for (const variant of VARIANTS) {
      const verdicts = results.get(variant.name)!;
      if (verdicts.mainPem === verdicts.clerk && verdicts.backend === verdicts.clerk) continue;
      // Main and the backend never accept what Clerk refuses.
      expect({ variant: variant.name, ...verdicts }).toMatchObject({ clerk: true, mainPem: false, backend: false });
      const reasons = disagreements.get(variant.differs ?? 'unexplained') ?? new Set();
      reasons.add(variant.name);
      disagreements.set(variant.differs ?? 'unexplained', reasons);
    }
    expect([...disagreements.keys()].sort()).toEqual(Object.keys(INTENTIONAL_DIFFERENCES).sort());
  });

  it('returns the session status, which protected procedures check', async () => {
    const pending = buildToken(accept('pending', { claims: { sts: 'pending' } }), keys);
    const main = await createSessionVerifier({ jwtKey: keys.pem, authorizedParties: [AZP] }).verify(pending);
    const backend = await authenticateRequest(new Headers({ authorization: `Bearer ${pending}` }), {
      jwtKey: keys.pem,
      authorizedParties: [AZP],
      log: () => {},
    });
    expect(main?.status).toBe('pending');
    expect(backend?.status).toBe('pending');
  });
});

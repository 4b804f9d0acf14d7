/**
 * The stand-in's own rules, without a browser: what it mints, what it refuses, what it counts as
 * not served. (The e2e checks in generated-apps.e2e.test.ts run real clerk-js against it.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { beforeAll, describe, expect, test } from 'vitest';
import { createSigningKey, type SigningKey } from './signing.js';
import { FapiStandIn, type FapiRequest } from './stand-in.js';
import { authFromClaims } from '../../../../templates/base/src/kit/shared/auth-object.js';

const HOST = 'clerk.stand-in.invalid';
const ORIGIN = 'http://127.0.0.1:5555';
const ALICE = { id: 'user_alice', firstName: 'Alice', lastName: 'Example', email: 'alice@example.com' };

let key: SigningKey;
beforeAll(async () => {
  key = await createSigningKey();
});

function standIn(now = () => Date.now()) {
  const distDir = mkdtempSync(join(tmpdir(), 'fapi-ui-'));
  writeFileSync(join(distDir, 'ui.browser.js'), 'window.__internal_ClerkUICtor = class {};');
  return new FapiStandIn({
    host: HOST,
    key,
    now,
    applicationName: 'test-app',
    ui: { requestedVersion: '1.41.0', servedVersion: '1.36.0', distDir },
  });
}

function request(method: string, path: string, headers: Record<string, string> = {}): FapiRequest {
  return {
    method,
    url: new URL(`https://${HOST}${path}?_clerk_js_version=6.40.0&_is_native=1`),
    headers: { origin: ORIGIN, ...headers },
  };
}

const ACME = { id: 'org_acme', name: 'Acme', slug: 'acme' };
const GLOBEX = { id: 'org_globex', name: 'Globex', slug: 'globex' };
const CAROL = {
  ...ALICE,
  id: 'user_carol',
  memberships: [
    { organization: ACME, role: 'org:admin', permissions: ['org:notes:read', 'org:notes:write', 'org:billing:manage'] },
    { organization: GLOBEX, role: 'org:member', permissions: ['org:notes:read'] },
  ],
};

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const body = (response: { body: string | Buffer }) => JSON.parse(String(response.body));

describe('FAPI stand-in', () => {
  test('a signed-in client: its sessions, users and a current session token, the client token in Authorization', async () => {
    const fapi = standIn();
    const { clientToken, sessionId } = fapi.signIn(ALICE);
    const response = await fapi.handle(request('GET', '/v1/client', bearer(clientToken)));
    expect(response.status).toBe(200);
    expect(response.headers['authorization']).toBe(clientToken);
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(response.headers['access-control-expose-headers']).toBe('Authorization');
    const client = body(response).response;
    expect(client).toMatchObject({ object: 'client', last_active_session_id: sessionId });
    expect(client.sessions).toHaveLength(1);
    expect(client.sessions[0]).toMatchObject({ id: sessionId, status: 'active', user: { id: ALICE.id, first_name: 'Alice' } });
    expect(client.sessions[0].last_active_token.jwt).toBe(fapi.minted.at(-1)!.token);
  });

  test('mints what Clerk mints: RS256 with kid and typ JWT, 60 s, azp from the Origin, verifiable with the JWKS and the PEM', async () => {
    let now = Date.UTC(2026, 0, 1, 12);
    const fapi = standIn(() => now);
    const { clientToken, sessionId } = fapi.signIn(ALICE);
    now += 1000;
    const response = await fapi.handle(request('POST', `/v1/client/sessions/${sessionId}/tokens`, bearer(clientToken)));
    const { jwt } = body(response);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'RS256', kid: key.kid, typ: 'JWT' });

    const jwks = body(await fapi.handle(request('GET', '/.well-known/jwks.json')));
    const currentDate = new Date(now);
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), { currentDate, issuer: `https://${HOST}` });
    expect(payload).toMatchObject({
      sub: ALICE.id,
      sid: sessionId,
      azp: ORIGIN,
      sts: 'active',
      iat: now / 1000,
      exp: now / 1000 + 60,
    });
    await expect(jwtVerify(jwt, await importSPKI(fapi.publicKeyPem, 'RS256'), { currentDate })).resolves.toBeTruthy();
    await expect(jwtVerify(jwt, createLocalJWKSet(jwks), { currentDate: new Date(now + 61_000) })).rejects.toThrow();
  });

  test('signing out (DELETE sent as POST with _method) ends the sessions: no more tokens for them', async () => {
    const fapi = standIn();
    const { clientToken, sessionId } = fapi.signIn(ALICE);
    const signOut = { ...request('POST', '/v1/client/sessions', bearer(clientToken)) };
    signOut.url.searchParams.set('_method', 'DELETE');
    const response = await fapi.handle(signOut);
    expect(response.status).toBe(200);
    expect(body(response).response.sessions).toEqual([]);
    expect(fapi.session(sessionId)?.status).toBe('ended');
    const minted = fapi.minted.length;
    const refused = await fapi.handle(request('POST', `/v1/client/sessions/${sessionId}/tokens`, bearer(clientToken)));
    expect(refused.status).toBe(404);
    expect(fapi.minted).toHaveLength(minted);
    expect(fapi.requests.map((r) => `${r.method} ${r.path}`)).toContain('DELETE /v1/client/sessions');
  });

  test('a client token names one client: another client cannot get tokens for its session', async () => {
    const fapi = standIn();
    const { sessionId } = fapi.signIn(ALICE);
    const { clientToken: otherClient } = fapi.signIn({ ...ALICE, id: 'user_bob' });
    expect((await fapi.handle(request('POST', `/v1/client/sessions/${sessionId}/tokens`, bearer(otherClient)))).status).toBe(404);
    // Without a client token: a new, signed-out client
    const anonymous = body(await fapi.handle(request('GET', '/v1/client'))).response;
    expect(anonymous.sessions).toEqual([]);
  });

  test('organizations: tokens carry the active one as the apps read it (v2 `o` + `fea`); the touch switches it', async () => {
    const fapi = standIn();
    const { clientToken, sessionId } = fapi.signIn(CAROL, { activeOrgId: ACME.id });
    const tokens = (form: string) =>
      fapi.handle({ ...request('POST', `/v1/client/sessions/${sessionId}/tokens`, bearer(clientToken)), body: form });
    const auth = async (form: string) => authFromClaims(decodeJwt(body(await tokens(form)).jwt));

    const inAcme = await auth('');
    expect(inAcme).toMatchObject({ orgId: ACME.id, orgSlug: 'acme', orgRole: 'org:admin' });
    expect(inAcme.orgPermissions?.sort()).toEqual(['org:billing:manage', 'org:notes:read', 'org:notes:write']);
    const inGlobex = await auth(`organization_id=${GLOBEX.id}`);
    expect(inGlobex).toMatchObject({ orgId: GLOBEX.id, orgRole: 'org:member', orgPermissions: ['org:notes:read'] });
    expect(inGlobex.has({ permission: 'org:notes:write' })).toBe(false);
    expect(await auth('organization_id=')).toMatchObject({ orgId: undefined });
    expect((await tokens('organization_id=org_other')).status).toBe(403);

    const touch = (form: string) =>
      fapi.handle({ ...request('POST', `/v1/client/sessions/${sessionId}/touch`, bearer(clientToken)), body: form });
    expect(body(await touch(`active_organization_id=${GLOBEX.id}&intent=select_org`)).response).toMatchObject({
      last_active_organization_id: GLOBEX.id,
    });
    expect(fapi.session(sessionId)?.activeOrgId).toBe(GLOBEX.id);
    const client = body(await fapi.handle(request('GET', '/v1/client', bearer(clientToken)))).response;
    expect(authFromClaims(decodeJwt(client.sessions[0].last_active_token.jwt)).orgId).toBe(GLOBEX.id);
    expect(
      client.sessions[0].user.organization_memberships.map((m: { organization: { id: string } }) => m.organization.id),
    ).toEqual([ACME.id, GLOBEX.id]);
    const listed = body(await fapi.handle(request('GET', '/v1/me/organization_memberships', bearer(clientToken)))).response;
    expect(listed.total_count).toBe(2);
  });

  test('a pending session (an organization to choose) gets pending tokens until the touch that chooses one', async () => {
    const fapi = standIn();
    const { clientToken, sessionId } = fapi.signIn(CAROL, { pending: true });
    const client = body(await fapi.handle(request('GET', '/v1/client', bearer(clientToken)))).response;
    expect(client.sessions[0]).toMatchObject({ status: 'pending', tasks: [{ key: 'choose-organization' }] });
    expect(decodeJwt(client.sessions[0].last_active_token.jwt)).toMatchObject({ sts: 'pending' });
    const touch = {
      ...request('POST', `/v1/client/sessions/${sessionId}/touch`, bearer(clientToken)),
      body: `active_organization_id=${ACME.id}`,
    };
    expect(body(await fapi.handle(touch)).response).toMatchObject({
      status: 'active',
      tasks: null,
      last_active_organization_id: ACME.id,
    });
    const token = body(await fapi.handle(request('POST', `/v1/client/sessions/${sessionId}/tokens`, bearer(clientToken)))).jwt;
    expect(authFromClaims(decodeJwt(token))).toMatchObject({ status: 'active', orgId: ACME.id });
  });

  test('serves the UI bundle at the pinned version only, and lists whatever it does not serve', async () => {
    const fapi = standIn();
    expect((await fapi.handle(request('GET', '/npm/@clerk/ui@1.41.0/dist/ui.browser.js'))).status).toBe(200);
    expect((await fapi.handle(request('GET', '/npm/@clerk/ui@1/dist/ui.browser.js'))).status).toBe(404);
    expect((await fapi.handle(request('POST', '/v1/client/sign_ins'))).status).toBe(404);
    expect(fapi.unhandled.map((line) => line.replace(/\?.*/, ''))).toEqual([
      `GET https://${HOST}/npm/@clerk/ui@1/dist/ui.browser.js`,
      `POST https://${HOST}/v1/client/sign_ins`,
    ]);
    expect([...fapi.uiVersionsRequested]).toEqual(['1.41.0', '1']);
  });
});

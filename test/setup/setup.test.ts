/**
 * `npm run setup` of generated apps: its decisions (scripts/lib.mjs) and whole runs of the rendered
 * script against the Backend API stand-in, which refuses what Clerk's published document does not allow.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checks, setupClerk } from './app-scripts.js';
import { SPEC, startBackendApiStandIn, type BackendApiStandIn } from './backend-api-stand-in.js';
import { renderApp, runScript, SCHEME } from './rendered-app.js';

const { clerkBackendApi, instanceOfSecretKey, jwtKeyOf, mergeEnv, missingSettings, publishableKeyOf } = setupClerk;
const { frontendApiOf, parseDotenv } = checks;

const ORIGINS = [`${SCHEME}://renderer`, 'http://localhost:5173'];
let standIn: BackendApiStandIn | undefined;
const roots: string[] = [];
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the stand-in', () => {
  it('is checked against a named version of the document', () => {
    expect(SPEC.info.version).toBe('2026-05-12');
  });

  it('refuses a path, a method, a query parameter or a body the document does not allow', async () => {
    standIn = await startBackendApiStandIn();
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${standIn!.url}${path}`, {
        ...init,
        headers: { Authorization: 'Bearer sk_test_standin', 'Content-Type': 'application/json' },
      });
    expect((await call('/v1/instance/allowed_origins')).status).toBe(400);
    expect((await call('/v1/instance', { method: 'POST', body: '{}' })).status).toBe(400);
    expect((await call('/v1/redirect_urls?limit=5000')).status).toBe(400);
    expect((await call('/v1/instance', { method: 'PATCH', body: JSON.stringify({ allowedOrigins: ['x'] }) })).status).toBe(400);
    expect((await call('/v1/redirect_urls', { method: 'POST', body: JSON.stringify({ redirect_url: 'x' }) })).status).toBe(400);
    expect(standIn.violations).toHaveLength(5);
    expect((await call('/v1/instance', { method: 'PATCH', body: JSON.stringify({ allowed_origins: ['x'] }) })).status).toBe(204);
  });
});

describe('setup decisions', () => {
  it('tells the instance from the secret key and refuses the wrong keys with the reason', () => {
    expect(instanceOfSecretKey('sk_test_abc', { production: false })).toEqual({ environment: 'development' });
    expect(instanceOfSecretKey('sk_live_abc', { production: false }).refusal).toMatch(
      /production instance: run again with --production/,
    );
    expect(instanceOfSecretKey('sk_live_abc', { production: true })).toEqual({ environment: 'production' });
    expect(instanceOfSecretKey('pk_test_abc', { production: false }).refusal).toMatch(
      /publishable key: setup needs the secret key/,
    );
    expect(instanceOfSecretKey('hello', { production: false }).refusal).toMatch(/starts with sk_test_/);
  });

  it('adds only what is missing, keeping the origins already allowed', () => {
    const instance = { allowed_origins: ['https://example.com', ORIGINS[1]!] };
    expect(missingSettings({ instance, redirectUrls: [], origins: ORIGINS, redirectUrl: `${SCHEME}://renderer/` })).toEqual({
      addOrigins: [ORIGINS[0]],
      allowedOrigins: ['https://example.com', ORIGINS[1], ORIGINS[0]],
      redirectUrl: `${SCHEME}://renderer/`,
    });
    const done = missingSettings({
      instance: { allowed_origins: ORIGINS },
      redirectUrls: [{ url: `${SCHEME}://renderer/` }],
      origins: ORIGINS,
      redirectUrl: `${SCHEME}://renderer/`,
    });
    expect(done).toEqual({ addOrigins: [], allowedOrigins: null, redirectUrl: null });
  });

  it('derives the publishable key from the primary domain, for the key the doctor reads back', () => {
    const key = publishableKeyOf(
      { data: [{ is_satellite: false, frontend_api_url: 'https://able-lark-12.clerk.accounts.dev' }] },
      'development',
    );
    expect(key).toMatch(/^pk_test_/);
    expect(frontendApiOf(key)).toBe('able-lark-12.clerk.accounts.dev');
    expect(
      publishableKeyOf({ data: [{ is_satellite: false, frontend_api_url: 'https://clerk.example.com' }] }, 'production'),
    ).toMatch(/^pk_live_/);
  });

  it('merges into env files: fills empty and placeholder values, adds missing ones, keeps the user’s own', () => {
    const text =
      '# keys\nVITE_CLERK_PUBLISHABLE_KEY=\nCLERK_JWT_KEY="-----BEGIN PUBLIC KEY-----\\n...\\n-----END PUBLIC KEY-----"\nOTHER=1\n';
    const merged = mergeEnv(text, { VITE_CLERK_PUBLISHABLE_KEY: 'pk_test_new', CLERK_JWT_KEY: '"pem"', BACKEND_URL: 'http://x' });
    expect(merged.written).toEqual(['VITE_CLERK_PUBLISHABLE_KEY', 'CLERK_JWT_KEY', 'BACKEND_URL']);
    expect(parseDotenv(merged.text)).toEqual({
      VITE_CLERK_PUBLISHABLE_KEY: 'pk_test_new',
      CLERK_JWT_KEY: 'pem',
      OTHER: '1',
      BACKEND_URL: 'http://x',
    });
    expect(merged.text.startsWith('# keys\n')).toBe(true);
    const again = mergeEnv(merged.text, { VITE_CLERK_PUBLISHABLE_KEY: 'pk_test_new', CLERK_JWT_KEY: '"pem"' });
    expect(again).toEqual({ text: merged.text, written: [], kept: [] });
    const users = mergeEnv('VITE_CLERK_PUBLISHABLE_KEY=pk_test_mine\n', { VITE_CLERK_PUBLISHABLE_KEY: 'pk_test_new' });
    expect(users).toEqual({
      text: 'VITE_CLERK_PUBLISHABLE_KEY=pk_test_mine\n',
      written: [],
      kept: ['VITE_CLERK_PUBLISHABLE_KEY'],
    });
  });

  it("reads the instance through the document's operations and turns its JWKS into the PEM the backend verifies with", async () => {
    standIn = await startBackendApiStandIn();
    const api = clerkBackendApi({ apiUrl: standIn.url, secretKey: 'sk_test_standin', fetch });
    const pem = JSON.parse(jwtKeyOf(await api.jwks()).replace(/\\n/g, '\\\\n')) as string;
    expect(createPublicKey(pem.replace(/\\n/g, '\n')).export({ format: 'jwk' })).toEqual(
      createPublicKey(standIn.publicKeyPem).export({ format: 'jwk' }),
    );
    await expect(clerkBackendApi({ apiUrl: standIn.url, secretKey: 'sk_test_wrong', fetch }).instance()).rejects.toThrow(
      /Clerk refused GET \/v1\/instance: The secret key is invalid\.: copy the secret key again/,
    );
    await expect(clerkBackendApi({ apiUrl: 'http://127.0.0.1:9', secretKey: 'sk_test_x', fetch }).instance()).rejects.toThrow(
      /could not reach Clerk's Backend API at http:\/\/127\.0\.0\.1:9/,
    );
    expect(standIn.violations).toEqual([]);
  });
});

describe.each([
  { framework: 'react', backend: 'cloudflare', backendConfig: 'backend/.dev.vars' },
  { framework: 'vue', backend: 'node', backendConfig: 'backend/.env' },
] as const)('`npm run setup` in a $framework + $backend app', ({ framework, backend, backendConfig }) => {
  const render = () => {
    const root = renderApp(
      { framework, backend },
      (path) => path.startsWith('scripts/') || path.includes('.env') || path.includes('.dev.vars'),
    );
    roots.push(root);
    return root;
  };
  const setup = (root: string, args: string[] = [], key = 'sk_test_standin') =>
    runScript(root, ['scripts/setup.mjs', ...args], { CLERK_SECRET_KEY: key, CLERK_API_URL: standIn!.url });

  it('sets the origins and the redirect URL, reads them back, writes both keys; a second run changes nothing', async () => {
    standIn = await startBackendApiStandIn({ allowedOrigins: ['https://example.com'] });
    const root = render();
    writeFileSync(join(root, '.env'), 'VITE_CLERK_PUBLISHABLE_KEY=\nBACKEND_URL=http://127.0.0.1:9999\n');

    const first = await setup(root);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Clerk development instance ins_standin (able-lark-12.clerk.accounts.dev)');
    expect(first.stdout).toContain('https://dashboard.clerk.com/~/native-applications');
    expect(standIn.state.allowedOrigins).toEqual(['https://example.com', ...ORIGINS]);
    expect(standIn.state.redirectUrls.map((entry) => entry.url)).toEqual([`${SCHEME}://renderer/`]);

    const env = parseDotenv(readFileSync(join(root, '.env'), 'utf8'));
    expect(frontendApiOf(env.VITE_CLERK_PUBLISHABLE_KEY!)).toBe('able-lark-12.clerk.accounts.dev');
    expect(env.BACKEND_URL).toBe('http://127.0.0.1:9999');
    const backendEnv = parseDotenv(readFileSync(join(root, backendConfig), 'utf8'));
    expect(createPublicKey(backendEnv.CLERK_JWT_KEY!.replace(/\\n/g, '\n')).export({ format: 'jwk' }).n).toBe(
      createPublicKey(standIn.publicKeyPem).export({ format: 'jwk' }).n,
    );
    expect(backendEnv.CLERK_AUTHORIZED_PARTIES).toBe(ORIGINS.join(','));
    expect(readFileSync(join(root, backendConfig), 'utf8')).not.toContain('sk_test_standin');

    const writes = () => standIn!.requests.filter((request) => !request.startsWith('GET'));
    expect(writes()).toEqual(['PATCH /instance', 'POST /redirect_urls']);
    const second = await setup(root);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('allowed origins: already set');
    expect(second.stdout).toContain('.env: up to date');
    expect(writes()).toHaveLength(2);
    expect(standIn.violations).toEqual([]);
  });

  it('on a Node without an env-file parser, refuses before asking Clerk anything or writing a file', async () => {
    standIn = await startBackendApiStandIn();
    const root = render();
    writeFileSync(join(root, '.env'), 'VITE_CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k\n');
    // What Node < 20.12 looks like to the script: node:util without parseEnv.
    const withoutParseEnv =
      "data:text/javascript,import u from 'node:util';import m from 'node:module';delete u.parseEnv;m.syncBuiltinESMExports();";
    const result = await runScript(root, ['--import', withoutParseEnv, 'scripts/setup.mjs'], {
      CLERK_SECRET_KEY: 'sk_test_standin',
      CLERK_API_URL: standIn.url,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read \.env files; use Node >= 22\.12/);
    expect(standIn.requests).toEqual([]);
    expect(readFileSync(join(root, '.env'), 'utf8')).toBe('VITE_CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k\n');
  });

  it('--dry-run says what it would do and changes nothing', async () => {
    standIn = await startBackendApiStandIn();
    const root = render();
    const result = await setup(root, ['--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`allowed origins: add ${ORIGINS.join(', ')}`);
    expect(result.stdout).toMatch(/\.env: would write VITE_CLERK_PUBLISHABLE_KEY, CLERK_JWT_KEY/);
    expect(standIn.requests.every((request) => request.startsWith('GET'))).toBe(true);
    expect(() => readFileSync(join(root, backendConfig))).toThrow();
  });

  it('--production: a production instance gets the packaged origin only, and its pk_live_ key', async () => {
    standIn = await startBackendApiStandIn({
      secretKey: 'sk_live_standin',
      environment: 'production',
      frontendApiHost: 'clerk.example.com',
    });
    const root = render();
    const result = await setup(root, ['--production'], 'sk_live_standin');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Clerk production instance ins_standin (clerk.example.com)');
    expect(standIn.state.allowedOrigins).toEqual([ORIGINS[0]]);
    expect(parseDotenv(readFileSync(join(root, '.env'), 'utf8')).VITE_CLERK_PUBLISHABLE_KEY).toMatch(/^pk_live_/);
    expect(standIn.violations).toEqual([]);
  });

  it('refuses a production key without --production, a wrong key, and a change Clerk did not keep', async () => {
    standIn = await startBackendApiStandIn({ dropsOriginUpdates: true });
    const root = render();
    const production = await setup(root, [], 'sk_live_abc');
    expect(production.code).toBe(1);
    expect(production.stderr).toMatch(/production instance: run again with --production/);
    const wrong = await setup(root, [], 'sk_test_other');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Clerk refused GET \/v1\/.*copy the secret key again/);
    const dropped = await setup(root);
    expect(dropped.code).toBe(1);
    expect(dropped.stderr).toMatch(/Clerk did not keep the settings above/);
    expect(standIn.violations).toEqual([]);
  });
});

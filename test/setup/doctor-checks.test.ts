import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { checks, type PreflightFs } from './app-scripts.js';

const {
  checkAllowedOrigins,
  checkBackendConfig,
  checkBackendHealth,
  checkElectronBinary,
  checkFrontendApi,
  checkNodeVersion,
  checkPublishableKey,
  checkSchemeRegistered,
  checkSecureStorage,
  formatReport,
  frontendApiOf,
  linuxPasswordStore,
  parseDotenv,
} = checks;

/** A fake file system: path → text; binaries are present with any text. */
function fakeFs(files: Record<string, string>): PreflightFs {
  return { read: (path) => files[path] ?? null, exists: (path) => path in files };
}

const PEM_PLACEHOLDER = '"-----BEGIN PUBLIC KEY-----\\n...\\n-----END PUBLIC KEY-----"';
const REAL_PEM = '"-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\\n-----END PUBLIC KEY-----"';
const CF_EXAMPLE = `# Copy to .dev.vars\nCLERK_JWT_KEY=${PEM_PLACEHOLDER}\n# CLERK_SECRET_KEY=sk_test_...\n`;

describe('parseDotenv', () => {
  it('reads plain, quoted, exported and multi-line values and skips comments', () => {
    const vars = parseDotenv(
      ['# comment', 'A=1', 'export B = two # note', "C='x # y'", 'D="line1', 'line2"', 'E=', 'not a line'].join('\r\n'),
    );
    expect(vars).toEqual({ A: '1', B: 'two', C: 'x # y', D: 'line1\nline2', E: '' });
  });
});

describe('checkNodeVersion', () => {
  it('accepts 22.12 and newer, refuses older with the fix', () => {
    expect(checkNodeVersion('v22.12.0')).toBeNull();
    expect(checkNodeVersion('24.1.0')).toBeNull();
    expect(checkNodeVersion('v23.0.0')).toBeNull();
    const problem = checkNodeVersion('v22.11.0');
    expect(problem?.what).toMatch(/Node\.js 22\.11\.0 is too old: this app needs 22\.12 or newer/);
    expect(problem?.fix).toMatch(/nvm install/);
    expect(checkNodeVersion('v20.20.2')).not.toBeNull();
  });
});

describe('checkElectronBinary', () => {
  const input = { electronDir: 'node_modules/electron', env: {}, install: 'pnpm install' };

  it('passes when path.txt names a binary that exists under dist/', () => {
    const fs = fakeFs({ 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron': '' });
    expect(checkElectronBinary({ ...input, fs })).toBeNull();
  });

  it('gives the install script when the download was skipped (no path.txt) or the binary is gone', () => {
    const skipped: Array<Record<string, string>> = [{}, { 'node_modules/electron/path.txt': 'electron' }];
    for (const files of skipped) {
      const problem = checkElectronBinary({ ...input, fs: fakeFs(files) });
      expect(problem?.what).toMatch(/Electron's binary is not downloaded/);
      expect(problem?.fix).toMatch(/^node node_modules\/electron\/install\.js/);
    }
  });

  it('gives the install command when the electron package is missing', () => {
    expect(checkElectronBinary({ ...input, electronDir: null, fs: fakeFs({}) })?.fix).toBe('pnpm install');
  });

  it('follows ELECTRON_EXEC_PATH like electron-vite', () => {
    const env = { ELECTRON_EXEC_PATH: '/opt/electron/electron' };
    expect(checkElectronBinary({ ...input, env, fs: fakeFs({ '/opt/electron/electron': '' }) })).toBeNull();
    expect(checkElectronBinary({ ...input, env, fs: fakeFs({}) })?.what).toMatch(/ELECTRON_EXEC_PATH points to/);
  });
});

describe('checkPublishableKey', () => {
  const key = 'pk_test_Y2xlcmsuZXhhbXBsZS5jb20k';

  it('finds the key in .env, a mode file or the environment', () => {
    expect(checkPublishableKey({ env: {}, fs: fakeFs({ '.env': `VITE_CLERK_PUBLISHABLE_KEY=${key}` }) })).toBeNull();
    expect(
      checkPublishableKey({ env: {}, fs: fakeFs({ '.env.development.local': `VITE_CLERK_PUBLISHABLE_KEY=${key}` }) }),
    ).toBeNull();
    expect(checkPublishableKey({ env: { VITE_CLERK_PUBLISHABLE_KEY: key }, fs: fakeFs({}) })).toBeNull();
  });

  it('says where to put it when it is empty, and to create .env first when there is none', () => {
    const empty = checkPublishableKey({ env: {}, fs: fakeFs({ '.env': 'VITE_CLERK_PUBLISHABLE_KEY=\n' }) });
    expect(empty?.what).toBe('VITE_CLERK_PUBLISHABLE_KEY is not set');
    expect(empty?.fix).toBe('npm run setup (it writes it), or put your key (Clerk dashboard → API keys) in .env');
    expect(checkPublishableKey({ env: {}, fs: fakeFs({}), setup: 'pnpm setup' })?.fix).toMatch(
      /^pnpm setup .* in \.env \(cp \.env\.example \.env\)$/,
    );
  });

  it('refuses something that is not a publishable key (e.g. the secret key)', () => {
    const problem = checkPublishableKey({ env: {}, fs: fakeFs({ '.env': 'VITE_CLERK_PUBLISHABLE_KEY=sk_test_abc' }) });
    expect(problem?.what).toMatch(/in \.env is not a publishable key/);
  });
});

describe('checkBackendConfig', () => {
  const CLOUDFLARE = {
    files: ['.dev.vars', '.env'],
    example: '.dev.vars.example',
    environmentSwitch: 'CLOUDFLARE_INCLUDE_PROCESS_ENV',
  };
  const cloudflare = { config: CLOUDFLARE, dir: 'backend', env: {} };

  it('Cloudflare: a missing .dev.vars gives the copy command', () => {
    const problem = checkBackendConfig({ ...cloudflare, fs: fakeFs({ 'backend/.dev.vars.example': CF_EXAMPLE }) });
    expect(problem?.what).toMatch(/^backend\/\.dev\.vars is missing/);
    expect(problem?.fix).toMatch(
      /^npm run setup \(it writes it\), or cp backend\/\.dev\.vars\.example backend\/\.dev\.vars and set CLERK_JWT_KEY/,
    );
  });

  it('Cloudflare: the untouched example is refused, a real key passes', () => {
    const untouched = fakeFs({ 'backend/.dev.vars.example': CF_EXAMPLE, 'backend/.dev.vars': CF_EXAMPLE });
    expect(checkBackendConfig({ ...cloudflare, fs: untouched })?.what).toBe(
      "CLERK_JWT_KEY in backend/.dev.vars is still the example's placeholder",
    );
    const filled = fakeFs({ 'backend/.dev.vars.example': CF_EXAMPLE, 'backend/.dev.vars': `CLERK_JWT_KEY=${REAL_PEM}` });
    expect(checkBackendConfig({ ...cloudflare, fs: filled })).toBeNull();
    const secretOnly = fakeFs({ 'backend/.dev.vars': 'CLERK_SECRET_KEY=sk_test_abc' });
    expect(checkBackendConfig({ ...cloudflare, fs: secretOnly })).toBeNull();
  });

  it('Cloudflare: a file without either key, and paths relative to backend/ when run from there', () => {
    const problem = checkBackendConfig({ ...cloudflare, dir: '', fs: fakeFs({ '.dev.vars': 'CLERK_AUTHORIZED_PARTIES=x' }) });
    expect(problem?.what).toBe('.dev.vars sets neither CLERK_JWT_KEY nor CLERK_SECRET_KEY');
    expect(checkBackendConfig({ ...cloudflare, dir: '', fs: fakeFs({}) })?.fix).toMatch(
      /or cp \.dev\.vars\.example \.dev\.vars and/,
    );
  });

  it("Cloudflare: the environment counts only when wrangler is told to read it; .env is wrangler's fallback", () => {
    const env = { CLERK_JWT_KEY: REAL_PEM };
    expect(checkBackendConfig({ ...cloudflare, env, fs: fakeFs({}) })).not.toBeNull();
    expect(
      checkBackendConfig({ ...cloudflare, env: { ...env, CLOUDFLARE_INCLUDE_PROCESS_ENV: 'true' }, fs: fakeFs({}) }),
    ).toBeNull();
    expect(checkBackendConfig({ ...cloudflare, fs: fakeFs({ 'backend/.env': `CLERK_JWT_KEY=${REAL_PEM}` }) })).toBeNull();
  });

  it('Node: .env or the environment; the placeholder is refused wherever it comes from', () => {
    const node = { config: { files: ['.env'], example: '.env.example' }, dir: 'backend' };
    const missing = checkBackendConfig({ ...node, env: {}, fs: fakeFs({}) });
    expect(missing?.fix).toMatch(/or cp backend\/\.env\.example backend\/\.env and set CLERK_JWT_KEY/);
    expect(checkBackendConfig({ ...node, env: { CLERK_SECRET_KEY: 'sk_live_abc' }, fs: fakeFs({}) })).toBeNull();
    const fromEnv = checkBackendConfig({ ...node, env: { CLERK_SECRET_KEY: 'sk_test_...' }, fs: fakeFs({}) });
    expect(fromEnv?.what).toBe("CLERK_SECRET_KEY in the environment is still the example's placeholder");
  });
});

/** A fetch that answers each URL from a table (anything else: a network error). */
function fakeFetch(answers: Record<string, [number, unknown]>): typeof fetch {
  return (async (url: string) => {
    const answer = answers[url];
    if (!answer) throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND') });
    return new Response(JSON.stringify(answer[1]), { status: answer[0] });
  }) as unknown as typeof fetch;
}

describe('frontendApiOf', () => {
  it('decodes the Frontend API host of a well-formed key only', () => {
    expect(frontendApiOf('pk_test_Y2xlcmsuZXhhbXBsZS5jb20k')).toBe('clerk.example.com');
    expect(frontendApiOf('pk_test_Y2xlcmsuZXhhbXBsZS5jb20')).toBeNull();
    expect(frontendApiOf('pk_test_abc')).toBeNull();
    expect(frontendApiOf(`sk_test_${Buffer.from('clerk.example.com$').toString('base64')}`)).toBeNull();
  });
});

describe('checkSecureStorage', () => {
  it('names the store Electron picks on Linux from the desktop, and basic_text without one', () => {
    expect(linuxPasswordStore({ XDG_CURRENT_DESKTOP: 'ubuntu:GNOME', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/bus' })).toBe(
      'gnome-libsecret',
    );
    expect(linuxPasswordStore({ XDG_CURRENT_DESKTOP: 'KDE', KDE_SESSION_VERSION: '6' })).toBe('kwallet6');
    expect(linuxPasswordStore({ XDG_CURRENT_DESKTOP: 'GNOME' })).toBe('basic_text');
    expect(linuxPasswordStore({ XDG_CURRENT_DESKTOP: 'sway' })).toBe('basic_text');
    expect(linuxPasswordStore({})).toBe('basic_text');
  });

  it('fails on basic_text with what it means and the package to install; other systems always have a store', () => {
    const problem = checkSecureStorage({ platform: 'linux', env: {} });
    expect(problem?.what).toMatch(/basic_text .*the sign-in then lasts until the app quits/);
    expect(problem?.fix).toMatch(/sudo apt install gnome-keyring/);
    expect(checkSecureStorage({ platform: 'darwin', env: {} })).toBeNull();
    expect(checkSecureStorage({ platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'KDE' } })).toBeNull();
  });
});

describe('checkSchemeRegistered', () => {
  const config = (schemes: string) =>
    fakeFs({ 'electron-builder.yml': `protocols:\n  - name: App\n    schemes:\n${schemes}\nmac: {}\n` });

  it('finds the scheme under protocols → schemes, quoted or not', () => {
    expect(checkSchemeRegistered({ fs: config('      - other\n      - my.app'), scheme: 'my.app' })).toBeNull();
    expect(checkSchemeRegistered({ fs: config("      - 'my.app' # OAuth"), scheme: 'my.app' })).toBeNull();
  });

  it('fails when it is missing or electron-builder.yml is gone', () => {
    expect(checkSchemeRegistered({ fs: config('      - other'), scheme: 'my.app' })?.fix).toMatch(/- my\.app$/);
    expect(checkSchemeRegistered({ fs: fakeFs({}), scheme: 'my.app' })?.what).toMatch(
      /does not register the my\.app:\/\/ scheme/,
    );
  });
});

describe('network checks', () => {
  const key = 'pk_test_Y2xlcmsuZXhhbXBsZS5jb20k';
  const jwksUrl = 'https://clerk.example.com/.well-known/jwks.json';
  const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;

  it('backend: answers health, or says it is not running with the command that starts it', async () => {
    const url = 'http://127.0.0.1:8787';
    const health = { [`${url}/trpc/health`]: [200, { result: { data: { status: 'ok' } } }] as [number, unknown] };
    expect(await checkBackendHealth({ fetch: fakeFetch(health), url, start: 'npm run dev:backend' })).toBeNull();
    const down = await checkBackendHealth({ fetch: fakeFetch({}), url, start: 'npm run dev:backend' });
    expect(down).toEqual({
      what: 'the backend at http://127.0.0.1:8787 is not reachable (getaddrinfo ENOTFOUND)',
      fix: 'npm run dev:backend',
    });
  });

  it("Frontend API: reachable, and CLERK_JWT_KEY one of its instance's keys", async () => {
    const own = pair();
    const fetch = fakeFetch({ [jwksUrl]: [200, { keys: [own.export({ format: 'jwk' })] }] });
    const pem = (publicKey: ReturnType<typeof pair>) =>
      publicKey.export({ type: 'spki', format: 'pem' }).toString().replace(/\n/g, '\\n');
    expect(await checkFrontendApi({ fetch, publishableKey: key })).toBeNull();
    expect(await checkFrontendApi({ fetch, publishableKey: key, jwtKey: pem(own) })).toBeNull();
    expect(await checkFrontendApi({ fetch, publishableKey: key, jwtKey: pem(pair()) })).toMatchObject({
      what: "CLERK_JWT_KEY is not a key of clerk.example.com, the publishable key's instance",
    });
    expect(await checkFrontendApi({ fetch: fakeFetch({}), publishableKey: key })).toMatchObject({
      fix: 'check the network (proxy, firewall)',
    });
    expect(await checkFrontendApi({ fetch, publishableKey: '' })).toEqual({ skip: 'no valid publishable key' });
  });

  it('Frontend API: says when the Native API is off, as Clerk answers a native request then', async () => {
    const answers = { [jwksUrl]: [200, { keys: [] }] as [number, unknown] };
    const off = { errors: [{ code: 'native_api_disabled', message: 'Native API is disabled' }] };
    const environment = 'https://clerk.example.com/v1/environment?_is_native=1';
    const problem = await checkFrontendApi({ fetch: fakeFetch({ ...answers, [environment]: [400, off] }), publishableKey: key });
    expect(problem).toMatchObject({ fix: expect.stringContaining('https://dashboard.clerk.com/~/native-applications') });
    expect(
      await checkFrontendApi({ fetch: fakeFetch({ ...answers, [environment]: [200, {}] }), publishableKey: key }),
    ).toBeNull();
  });

  it('allowed origins: only with the secret key, and names the missing origins', async () => {
    const origins = ['my.app://renderer', 'http://localhost:5173'];
    const answer = (allowed: string[]) => fakeFetch({ 'https://api.test/v1/instance': [200, { allowed_origins: allowed }] });
    const input = { apiUrl: 'https://api.test', secretKey: 'sk_test_x', origins };
    expect(await checkAllowedOrigins({ ...input, fetch: answer(origins) })).toBeNull();
    expect(await checkAllowedOrigins({ ...input, fetch: answer([origins[1]!]) })).toMatchObject({
      what: "the instance's allowed origins lack my.app://renderer: Clerk refuses the app's requests",
      fix: 'npm run setup',
    });
    expect(await checkAllowedOrigins({ ...input, secretKey: 'sk_live_x', fetch: answer([origins[0]!]) })).toBeNull();
    expect(await checkAllowedOrigins({ ...input, secretKey: undefined, fetch: answer([]) })).toHaveProperty('skip');
    expect(await checkAllowedOrigins({ ...input, fetch: fakeFetch({}) })).toMatchObject({
      what: expect.stringContaining("could not reach Clerk's Backend API at https://api.test (getaddrinfo ENOTFOUND)"),
    });
  });
});

describe('formatReport', () => {
  it('prints one line per problem with its fix', () => {
    const report = formatReport([
      { what: 'A is missing', fix: 'make a' },
      { what: 'B is missing', fix: 'make b' },
    ]);
    expect(report.split('\n')).toEqual([
      'Not ready to start: 2 things to fix first.',
      '  - A is missing. Fix: make a',
      '  - B is missing. Fix: make b',
    ]);
  });
});

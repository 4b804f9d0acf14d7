import { describe, expect, it } from 'vitest';

import {
  checkBackendConfig,
  checkElectronBinary,
  checkNodeVersion,
  checkPublishableKey,
  formatReport,
  parseDotenv,
  type PreflightFs,
} from '../../scripts/preflight-checks.mjs';

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
    expect(empty?.fix).toMatch(/^put your key .* in \.env: VITE_CLERK_PUBLISHABLE_KEY=pk_test_…$/);
    expect(checkPublishableKey({ env: {}, fs: fakeFs({}) })?.fix).toMatch(/^cp \.env\.example \.env, then put/);
  });

  it('refuses something that is not a publishable key (e.g. the secret key)', () => {
    const problem = checkPublishableKey({ env: {}, fs: fakeFs({ '.env': 'VITE_CLERK_PUBLISHABLE_KEY=sk_test_abc' }) });
    expect(problem?.what).toMatch(/in \.env is not a publishable key/);
  });
});

describe('checkBackendConfig', () => {
  const cloudflare = { target: 'cloudflare', dir: 'backend', env: {} };

  it('Cloudflare: a missing .dev.vars gives the copy command', () => {
    const problem = checkBackendConfig({ ...cloudflare, fs: fakeFs({ 'backend/.dev.vars.example': CF_EXAMPLE }) });
    expect(problem?.what).toMatch(/^backend\/\.dev\.vars is missing/);
    expect(problem?.fix).toMatch(/^cp backend\/\.dev\.vars\.example backend\/\.dev\.vars, then set CLERK_JWT_KEY/);
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
    expect(checkBackendConfig({ ...cloudflare, dir: '', fs: fakeFs({}) })?.fix).toMatch(/^cp \.dev\.vars\.example \.dev\.vars,/);
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
    const node = { target: 'node', dir: 'backend' };
    const missing = checkBackendConfig({ ...node, env: {}, fs: fakeFs({}) });
    expect(missing?.fix).toMatch(/^cp backend\/\.env\.example backend\/\.env, then set CLERK_JWT_KEY/);
    expect(checkBackendConfig({ ...node, env: { CLERK_SECRET_KEY: 'sk_live_abc' }, fs: fakeFs({}) })).toBeNull();
    const fromEnv = checkBackendConfig({ ...node, env: { CLERK_SECRET_KEY: 'sk_test_...' }, fs: fakeFs({}) });
    expect(fromEnv?.what).toBe("CLERK_SECRET_KEY in the environment is still the example's placeholder");
  });

  it('checks nothing for an app without a backend', () => {
    expect(checkBackendConfig({ target: 'none', dir: 'backend', env: {}, fs: fakeFs({}) })).toBeNull();
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

/** `npm run doctor` of a generated app (its scripts and config on disk), with and without problems. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checks } from './app-scripts.js';
import { startBackendApiStandIn } from './backend-api-stand-in.js';
import { renderApp, runScript } from './rendered-app.js';

const root = renderApp(
  { framework: 'react', backend: 'cloudflare' },
  (path) => path.startsWith('scripts/') || path.includes('.example') || path === 'electron-builder.yml',
);
afterAll(() => rmSync(root, { recursive: true, force: true }));
/** This repository's tests may run on a Node older than the app's. */
const nodeOk = checks.checkNodeVersion(process.versions.node) === null;

interface Line {
  id: string;
  ok: boolean;
  what?: string;
  fix?: string;
  skip?: string;
}

describe('doctor', () => {
  it('lists every check with its fix, exits 1, and --json says the same for scripts', async () => {
    const env = { BACKEND_URL: 'http://127.0.0.1:9', XDG_CURRENT_DESKTOP: 'sway' };
    const json = await runScript(root, ['scripts/doctor.mjs', '--json'], env);
    expect(json.code).toBe(1);
    const lines = JSON.parse(json.stdout) as Line[];
    expect(lines.map((line) => line.id)).toEqual([
      'node',
      'electron',
      'publishable-key',
      'backend-config',
      'backend',
      'frontend-api',
      'allowed-origins',
      'secure-storage',
      'scheme',
    ]);
    const byId = Object.fromEntries(lines.map((line) => [line.id, line]));
    expect(byId.node!.ok).toBe(nodeOk);
    expect(byId.scheme!.ok).toBe(true);
    expect(byId['publishable-key']!.fix).toMatch(/^npm run setup/);
    expect(byId['backend-config']!.what).toBe("backend/.dev.vars is missing (the backend's Clerk settings)");
    expect(byId.backend!.what).toMatch(/^the backend at http:\/\/127\.0\.0\.1:9 is not reachable/);
    expect(byId['frontend-api']!.skip).toBe('no valid publishable key');
    expect(byId['secure-storage']!.ok).toBe(process.platform !== 'linux');

    const text = await runScript(root, ['scripts/doctor.mjs'], env);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('✓ the scheme registered for packaged builds');
    expect(text.stdout).toMatch(/✗ backend\/\.dev\.vars is missing .*\n {4}Fix: npm run setup \(it writes it\)/);
    expect(text.stdout).toContain(
      "- the app's origins allowed by the instance: not checked (set CLERK_SECRET_KEY for this run to check)",
    );
  });

  it('--fast (what dev runs) stays offline and prints only what blocks the start; named checks run alone', async () => {
    const fast = await runScript(root, ['scripts/doctor.mjs', '--fast'], {});
    expect(fast.code).toBe(1);
    expect(fast.stdout).toBe('');
    expect(fast.stderr).toMatch(new RegExp(`^Not ready to start: ${nodeOk ? 3 : 4} things to fix first\\.`));
    expect(fast.stderr).not.toMatch(/backend at|Frontend API|secure/);
    const scheme = await runScript(root, ['scripts/doctor.mjs', 'scheme'], {});
    expect(scheme).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('passes once setup has run: keys written, origins allowed (asked with the secret key)', async () => {
    const standIn = await startBackendApiStandIn();
    try {
      const api = { CLERK_SECRET_KEY: 'sk_test_standin', CLERK_API_URL: standIn.url };
      const before = await runScript(root, ['scripts/doctor.mjs', '--json', 'allowed-origins'], api);
      expect(JSON.parse(before.stdout)[0].what).toMatch(/allowed origins lack/);
      expect((await runScript(root, ['scripts/setup.mjs'], api)).code).toBe(0);
      const after = await runScript(
        root,
        ['scripts/doctor.mjs', 'publishable-key', 'backend-config', 'allowed-origins', 'scheme'],
        api,
      );
      expect(after).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(standIn.violations).toEqual([]);
    } finally {
      await standIn.close();
    }
  });

  it('on a Node without an env-file parser, reports the version and reads no .env into false problems', async () => {
    writeFileSync(join(root, '.env'), 'VITE_CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k\n');
    // What Node < 20.12 looks like to the script: node:util without parseEnv.
    const withoutParseEnv =
      "data:text/javascript,import u from 'node:util';import m from 'node:module';delete u.parseEnv;m.syncBuiltinESMExports();";
    try {
      const result = await runScript(root, ['--import', withoutParseEnv, 'scripts/doctor.mjs', '--json'], {});
      const lines = JSON.parse(result.stdout) as Line[];
      expect(lines).toHaveLength(9);
      expect(lines.filter((line) => line.id !== 'node').map((line) => line.skip)).toEqual(
        Array(lines.length - 1).fill('needs Node.js 20.12 or newer to read .env files'),
      );
      const withParseEnv = JSON.parse((await runScript(root, ['scripts/doctor.mjs', '--json', 'publishable-key'], {})).stdout);
      expect(withParseEnv[0]).toMatchObject({ id: 'publishable-key', ok: true });
    } finally {
      rmSync(join(root, '.env'));
    }
  });

  it('flags a scheme electron-builder.yml does not register', async () => {
    writeFileSync(join(root, 'electron-builder.yml'), 'protocols:\n  - name: x\n    schemes:\n      - other\n');
    const result = await runScript(root, ['scripts/doctor.mjs', 'scheme'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/does not register the com\.example\.setupapp:\/\/ scheme/);
  });
});

/**
 * The repo-level proof that generated apps work: each preset is written by the built CLI into a
 * folder outside this repository, installed under Node 22 (ELECTRON_SKIP_BINARY_DOWNLOAD=1), then
 * type-checked, tested with its own tests and built; some presets get deeper checks.
 * Select presets with E2E_PRESETS (see presets.ts); keep the apps with E2E_KEEP=1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { BackendProcess, freePort, getJson, writeBackendDevConfig } from '../../scripts/lib/backend-server.js';
import { GeneratedApp } from '../../scripts/lib/generated-app.js';
import { describeFailure, type CommandResult } from '../../scripts/lib/run-command.js';
import { findSecrets, judgeMain, judgePreload, mainCode, preloadScripts } from './checks/build-output.js';
import { checkRenderer, PLACEHOLDER_PUBLISHABLE_KEY } from './checks/renderer.js';
import { createTestIssuer, dotenvLine } from './checks/session-tokens.js';
import { selectPresets, type E2ePreset } from './presets.js';

const MINUTE = 60_000;
const presets = selectPresets(process.env.E2E_PRESETS);
let workspaceDir: string | undefined;
/** Created on first use, so that merely listing the tests writes nothing. */
function workspace(): string {
  workspaceDir ??= mkdtempSync(join(tmpdir(), 'cect-e2e-'));
  return workspaceDir;
}
const timings: Array<{ preset: string; step: string; ms: number; ok: boolean }> = [];
let failed = false;

function expectSuccess(preset: E2ePreset, step: string, result: CommandResult): void {
  const ok = result.exitCode === 0;
  timings.push({ preset: preset.name, step, ms: result.ms, ok });
  expect(ok, describeFailure(result)).toBe(true);
}

// A failing app is kept for inspection.
beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    failed = true;
  });
});

afterAll(() => {
  const rows = timings.map((t) => `${t.preset.padEnd(20)} ${t.step.padEnd(12)} ${(t.ms / 1000).toFixed(1).padStart(7)} s  ${t.ok ? 'ok' : 'FAILED'}`);
  if (!workspaceDir) return;
  console.log(`e2e timings (apps in ${workspaceDir}):\n${rows.join('\n')}`);
  if (process.env.E2E_TIMINGS_FILE) writeFileSync(process.env.E2E_TIMINGS_FILE, JSON.stringify(timings, null, 2));
  if (!failed && !process.env.E2E_KEEP) rmSync(workspaceDir, { recursive: true, force: true });
});

describe.runIf(presets.length > 0).sequential.each(presets)('generated app $name', (preset) => {
  let app: GeneratedApp;

  beforeAll(async () => {
    try {
      app = new GeneratedApp(preset, join(workspace(), preset.name), join(workspace(), 'logs', preset.name));
      expectSuccess(preset, 'generate', await app.generate());
      expectSuccess(preset, 'install', await app.install());
    } catch (error) {
      failed = true;
      throw error;
    }
  }, 25 * MINUTE);

  test('type-checks', { timeout: 10 * MINUTE }, async () => {
    expectSuccess(preset, 'typecheck', await app.run('typecheck'));
  });

  test('passes its own tests', { timeout: 15 * MINUTE }, async () => {
    expectSuccess(preset, 'test', await app.run('test'));
  });

  test('builds', { timeout: 10 * MINUTE }, async () => {
    expectSuccess(preset, 'build', await app.run('build'));
  });

  test.runIf(preset.buildOutput)('ships a sandbox-ready preload, no secrets, CSP and secure windows', () => {
    const out = join(app.dir, 'out');
    const preloads = preloadScripts(out);
    expect(preloads, 'the preload must be one file').toHaveLength(1);
    const preload = judgePreload(readFileSync(preloads[0]!, 'utf8'));
    expect(preload.parseError, 'the preload must be a CommonJS script').toBeUndefined();
    expect(preload.unavailableRequires, 'a sandboxed preload can only require electron, events, timers, url').toEqual([]);

    expect(findSecrets(out)).toEqual([]);

    const main = judgeMain(mainCode(out));
    expect(main).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegrationEnabled: false,
      webSecurityDisabled: false,
      setsCspHeader: true,
    });
  });

  describe.runIf(preset.renderer)('in headless Chromium, wired to the real main handler', () => {
    const appInfo = () => JSON.parse(readFileSync(join(app.dir, 'package.json'), 'utf8')) as { name: string; version: string };

    test('shows the setup screen without a publishable key; a public call round-trips', { timeout: 5 * MINUTE }, async () => {
      const screenshot = join(tmpdir(), `cect-e2e-${preset.name}-setup.png`);
      const report = await checkRenderer(app, {
        rendererDir: join(app.dir, 'out', 'renderer'),
        appInfo: appInfo(),
        screenshot,
        workDir: workspace(),
      });
      console.log(`renderer without key: ${report.state}; screenshot ${screenshot}`);
      expect(report.state, report.text).toBe('setup');
      expect(report.consoleErrors).toEqual([]);
      expect(report.pageErrors).toEqual([]);
      expect(report.handlerErrors).toEqual([]);
      expect(report.publicCall.ok, JSON.stringify(report.publicCall)).toBe(true);
    });

    test('with a key but Clerk unreachable, its own tRPC client gets app.info from main', { timeout: 5 * MINUTE }, async () => {
      const build = await app.run('build', {
        args: ['--outDir', 'out-keyed'],
        env: { VITE_CLERK_PUBLISHABLE_KEY: PLACEHOLDER_PUBLISHABLE_KEY },
        step: 'build-keyed',
      });
      expect(build.exitCode, describeFailure(build)).toBe(0);
      const info = appInfo();
      const screenshot = join(tmpdir(), `cect-e2e-${preset.name}-keyed.png`);
      const report = await checkRenderer(app, {
        rendererDir: join(app.dir, 'out-keyed', 'renderer'),
        publishableKey: PLACEHOLDER_PUBLISHABLE_KEY,
        appInfo: info,
        screenshot,
        workDir: workspace(),
      });
      console.log(`renderer with key: ${report.state}; app calls [${report.appCalls.join(', ')}]; screenshot ${screenshot}`);
      expect(report.state, report.text).toBe('clerk-unreachable');
      // The CSP let Clerk's script through to the (refused) Frontend API, and blocked nothing else.
      expect(report.clerkRequests.length).toBeGreaterThan(0);
      expect(report.consoleErrors).toEqual([]);
      expect(report.pageErrors).toEqual([]);
      expect(report.handlerErrors).toEqual([]);
      expect(report.appCalls).toContain('query app.info');
      expect(report.text).toContain(`${info.name} ${info.version}`);
    });
  });

  test.runIf(preset.backendHealth)('dev:backend serves health, verifies a session token, stops on Ctrl+C', { timeout: 5 * MINUTE }, async () => {
    // As the backend's README says: put the instance's JWT public key in the local config file.
    const issuer = createTestIssuer();
    writeBackendDevConfig(app.dir, preset.backend as 'cloudflare' | 'node', [dotenvLine('CLERK_JWT_KEY', issuer.publicKeyPem)]);
    const port = await freePort();
    const backend = BackendProcess.start(app.runCommandFor('dev:backend'), {
      cwd: app.dir,
      env: app.env,
      port,
      logFile: join(app.logsDir, 'dev-backend.log'),
    });
    const started = performance.now();
    try {
      const health = await backend.waitForHealth(3 * MINUTE);
      timings.push({ preset: preset.name, step: 'backend-up', ms: Math.round(performance.now() - started), ok: true });
      expect(health.body).toMatchObject({ result: { data: expect.anything() } });

      expect((await getJson(`${backend.url}/trpc/me`)).status, 'me without a token').toBe(401);
      expect((await getJson(`${backend.url}/trpc/me`, { Authorization: 'Bearer not.a.jwt' })).status, 'me with garbage').toBe(401);
      const token = issuer.sessionToken({ sub: 'user_e2e', sid: 'sess_e2e' });
      const me = await getJson(`${backend.url}/trpc/me`, { Authorization: `Bearer ${token}` });
      expect(me, 'me with a valid session token').toMatchObject({
        status: 200,
        body: { result: { data: { json: { userId: 'user_e2e', sessionId: 'sess_e2e' } } } },
      });
    } finally {
      const stopped = await backend.stop();
      expect(stopped.clean, `dev:backend did not stop on SIGINT:\n${backend.recentOutput}`).toBe(true);
    }
    await expect(getJson(`${backend.url}/trpc/health`), 'nothing listens after Ctrl+C').rejects.toThrow();
  });
});

/**
 * The repo-level proof that generated apps work: each preset is written by the built CLI into a
 * folder outside this repository, installed under Node 22 (ELECTRON_SKIP_BINARY_DOWNLOAD=1), then
 * type-checked, tested with its own tests and built; some presets get deeper checks.
 * Select presets with E2E_PRESETS (see presets.ts); keep the apps with E2E_KEEP=1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { BackendProcess, freePort, getJson, writeBackendDevConfig } from '../../scripts/lib/backend-server.js';
import { CLI_BIN, GeneratedApp, REPO_ROOT } from '../../scripts/lib/generated-app.js';
import { ensureNode22 } from '../../scripts/lib/node22.js';
import { describeFailure, type CommandResult } from '../../scripts/lib/run-command.js';
import { findSecrets, judgeMain, judgePreload, mainCode, preloadScripts } from './checks/build-output.js';
import { ADD_A_SCREEN } from './checks/add-a-screen.js';
import {
  ADD_A_TABLE_NAMES,
  ADDED_TABLE_TEST,
  addTableProcedures,
  CALL_FROM_A_SCREEN,
  addTableToSchema,
  migrations,
  migrationText,
} from './checks/add-a-table.js';
import { readmeSection } from './checks/readme-section.js';
import { scratchAppArgs, storageSwitchDrift, switchTokenStorage } from './checks/switch-token-storage.js';
import { checkRenderer, PLACEHOLDER_PUBLISHABLE_KEY, routeUrl } from './checks/renderer.js';
import { checkOfflineState, CONNECT_TIMEOUT_MS } from './checks/offline.js';
import { addBackendProcedure, ADDED_TEST, fileHashes } from './checks/add-procedure.js';
import { createTestIssuer, dotenvLine } from './checks/session-tokens.js';
import { selectPresets, type E2ePreset } from './presets.js';
import type { TokenStorage } from '../../src/options.js';
import {
  ACME,
  ALICE,
  addNoteThroughUi,
  BOB,
  CAROL,
  GLOBEX,
  ORGANIZATION_SCREENSHOT,
  switchOrganizationThroughSwitcher,
  clerkSessionToken,
  CLERK_SELECTORS,
  replyErrorCode,
  replyJson,
  returnToWindow,
  screenshotSignedIn,
  SIGNED_IN_SCREENSHOTS,
  goToRoute,
  SignedInHarness,
  signOutThroughUserButton,
  summarizeRequests,
  waitForScreen,
  waitForSignedIn,
  type AppWindow,
  UI_WAIT_MS,
} from './checks/signed-in.js';
import { CHECKED_WITH_CLERK_JS, SESSION_TOKEN_LIFETIME_SECONDS } from './checks/fapi-stand-in/index.js';

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
  const rows = timings.map(
    (t) => `${t.preset.padEnd(20)} ${t.step.padEnd(12)} ${(t.ms / 1000).toFixed(1).padStart(7)} s  ${t.ok ? 'ok' : 'FAILED'}`,
  );
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

  test('type-checks with TypeScript 7, whichever `tsc` the package manager linked', () => {
    // `typecheck` runs TypeScript 7 by its package's path; node_modules/.bin/tsc may be TypeScript 6.
    const node = join(ensureNode22().binDir, process.platform === 'win32' ? 'node.exe' : 'node');
    const version = execFileSync(node, ['node_modules/typescript-7/bin/tsc', '--version'], { cwd: app.dir, encoding: 'utf8' });
    expect(version).toMatch(/^Version 7\./);
  });

  test('lints clean: ESLint and Prettier check', { timeout: 5 * MINUTE }, async () => {
    expectSuccess(preset, 'lint', await app.run('lint'));
  });

  test.runIf(preset.lintFaults)(
    'lint fails on a planted fault: an unused variable, `debugger`, bad formatting',
    { timeout: 10 * MINUTE },
    async () => {
      // A file every app has; each fault goes into a copy of it, and the original comes back after.
      const file = join(app.dir, 'src', 'main', 'router.ts');
      const original = readFileSync(file, 'utf8');
      const faults = [
        { name: 'unused variable', text: `${original}\nconst plantedUnused = 1;\n`, expected: 'no-unused-vars' },
        { name: 'debugger', text: `${original}\nexport function planted(): void {\n  debugger;\n}\n`, expected: 'no-debugger' },
        { name: 'formatting', text: `${original}\nexport   const plantedFormat   =  {a:1};\n`, expected: 'src/main/router.ts' },
      ];
      try {
        for (const fault of faults) {
          writeFileSync(file, fault.text);
          const result = await app.run('lint', { step: `lint-fault-${fault.name.replace(/\W+/g, '-')}` });
          expect(result.exitCode, `lint passed with a planted ${fault.name}`).not.toBe(0);
          expect(result.tail, fault.name).toContain(fault.expected);
        }
      } finally {
        writeFileSync(file, original);
      }
      expectSuccess(preset, 'lint-again', await app.run('lint'));
    },
  );

  test("test:e2e stops at once without Electron's binary, with the preflight message", { timeout: 2 * MINUTE }, async () => {
    // The apps here are installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1: the real-window tests run in
    // the generated CI. Here: the command fails fast, before building, with the same line as `dev`.
    const result = await app.run('test:e2e', { step: 'test-e2e-preflight', timeoutMs: MINUTE });
    expect(result.exitCode).not.toBe(0);
    expect(result.tail).toContain("Electron's binary is not downloaded");
    expect(result.ms).toBeLessThan(30_000);
  });

  test('passes its own tests', { timeout: 15 * MINUTE }, async () => {
    expectSuccess(preset, 'test', await app.run('test'));
  });

  test("passes the kit's tests for its layers (test/kit/), run in the app", { timeout: 20 * MINUTE }, async () => {
    const results = await app.runKitTests();
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expectSuccess(preset, 'kit-test', result);
  });

  test('builds', { timeout: 10 * MINUTE }, async () => {
    expectSuccess(preset, 'build', await app.run('build'));
  });

  test.runIf(preset.addProcedure)(
    'a procedure added to the backend router alone reaches the renderer, typed, with nothing changed in src/main',
    { timeout: 15 * MINUTE },
    async () => {
      const mainBefore = fileHashes(join(app.dir, 'src', 'main'));
      const restore = addBackendProcedure(app.dir);
      try {
        const node = join(ensureNode22().binDir, process.platform === 'win32' ? 'node.exe' : 'node');
        const vitest = join(app.dir, 'node_modules', 'vitest', 'vitest.mjs');
        expectSuccess(preset, 'added-call', await app.runProgram(node, [vitest, 'run', ADDED_TEST], 'added-call'));
        expectSuccess(preset, 'added-types', await app.run('typecheck', { step: 'added-typecheck' }));
        expect(fileHashes(join(app.dir, 'src', 'main'))).toEqual(mainBefore);
      } finally {
        restore();
      }
    },
  );

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

    test(
      'with a key but Clerk unreachable, its own tRPC client gets app.info from main; no screen of the app shows, whatever the route',
      { timeout: 5 * MINUTE },
      async () => {
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
          route: '/notes',
        });
        console.log(`renderer with key: ${report.state}; app calls [${report.appCalls.join(', ')}]; screenshot ${screenshot}`);
        expect(report.state, report.text).toBe('clerk-unreachable');
        // Until Clerk says who is signed in, the page shows no screen of the app (nor the sign-in screen).
        expect(report.screens).toEqual([]);
        // The CSP let Clerk's script through to the (refused) Frontend API, and blocked nothing else.
        expect(report.clerkRequests.length).toBeGreaterThan(0);
        expect(report.consoleErrors).toEqual([]);
        expect(report.pageErrors).toEqual([]);
        expect(report.handlerErrors).toEqual([]);
        expect(report.appCalls).toContain('query app.info');
        expect(report.text).toContain(`${info.name} ${info.version}`);
      },
    );

    // The offline state, not an endless spinner (checks/offline.ts).
    test(
      'with a key whose Frontend API host does not resolve, shows the offline state within the bounded wait',
      { timeout: 5 * MINUTE },
      async () => {
        if (!existsSync(join(app.dir, 'out-keyed', 'renderer', 'index.html'))) {
          const build = await app.run('build', {
            args: ['--outDir', 'out-keyed'],
            env: { VITE_CLERK_PUBLISHABLE_KEY: PLACEHOLDER_PUBLISHABLE_KEY },
            step: 'build-keyed',
          });
          expect(build.exitCode, describeFailure(build)).toBe(0);
        }
        const screenshot = join(tmpdir(), `cect-e2e-${preset.name}-offline.png`);
        const report = await checkOfflineState(app, {
          rendererDir: join(app.dir, 'out-keyed', 'renderer'),
          publishableKey: PLACEHOLDER_PUBLISHABLE_KEY,
          workDir: workspace(),
          screenshot,
        });
        console.log(`offline state after ${report.offlineAfterMs} ms; screenshot ${screenshot}`);
        expect(report.offlineAfterMs, report.text).not.toBeNull();
        expect(report.offlineAfterMs!).toBeLessThan(CONNECT_TIMEOUT_MS + 5_000);
        expect(report.stillConnecting, report.text).toBe(false);
        expect(report.hasRetry).toBe(true);
        expect(report.offlineText).toMatch(/retries when the network is back/);
        expect(report.loadsWhileOffline).toBe(0);
        expect(report.loadsAfterOnline).toBeGreaterThanOrEqual(1);
        expect(report.pageErrors).toEqual([]);
      },
    );
  });

  test.runIf(preset.backendHealth)(
    'dev:backend serves health, verifies a session token, stops on Ctrl+C',
    { timeout: 5 * MINUTE },
    async () => {
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
        expect((await getJson(`${backend.url}/trpc/me`, { Authorization: 'Bearer not.a.jwt' })).status, 'me with garbage').toBe(
          401,
        );
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
    },
  );

  // ─── The signed-in app, with Clerk's Frontend API played by a local stand-in ─────────
  // Reuses this preset's app; checks/signed-in.ts and checks/fapi-stand-in/ say how it is wired.
  describe.runIf(preset.renderer || preset.backendHealth)("signed in, against a local stand-in for Clerk's Frontend API", () => {
    const hasBackend = preset.backend !== 'none';
    let harness: SignedInHarness | undefined;
    let backend: BackendProcess | undefined;
    let alice: AppWindow;
    let bob: AppWindow;
    const noteOfAlice = 'Alice’s note: only Alice sees this';
    const noteOfBob = 'Bob’s note: only Bob sees this';
    let started = 0;
    let allPassed = true;
    const h = () => harness!;
    const mintFor = (token: string | null) => h().standIn.minted.find((minted) => minted.token === token);

    beforeAll(async () => {
      started = performance.now();
      // The renderer built with a publishable key (by the check above, else here): 3 s.
      if (!existsSync(join(app.dir, 'out-keyed', 'renderer', 'index.html'))) {
        const build = await app.run('build', {
          args: ['--outDir', 'out-keyed'],
          env: { VITE_CLERK_PUBLISHABLE_KEY: PLACEHOLDER_PUBLISHABLE_KEY },
          step: 'build-keyed',
        });
        expect(build.exitCode, describeFailure(build)).toBe(0);
      }
      const info = JSON.parse(readFileSync(join(app.dir, 'package.json'), 'utf8')) as { name: string; version: string };
      harness = await SignedInHarness.open({
        appDir: app.dir,
        rendererDir: join(app.dir, 'out-keyed', 'renderer'),
        publishableKey: PLACEHOLDER_PUBLISHABLE_KEY,
        appInfo: { name: info.name, version: info.version },
        workDir: workspace(),
        tag: preset.name,
        // The backend as its README says, trusting the stand-in's key and the test page's origin.
        startBackend: hasBackend
          ? async ({ origin, jwtKeyPem }) => {
              writeBackendDevConfig(app.dir, preset.backend as 'cloudflare' | 'node', [
                dotenvLine('CLERK_JWT_KEY', jwtKeyPem),
                `CLERK_AUTHORIZED_PARTIES=${origin}`,
              ]);
              backend = BackendProcess.start(app.runCommandFor('dev:backend'), {
                cwd: app.dir,
                env: app.env,
                port: await freePort(),
                logFile: join(app.logsDir, 'dev-backend-signed-in.log'),
              });
              await backend.waitForHealth(3 * MINUTE);
              return backend.url;
            }
          : undefined,
      });
    }, 10 * MINUTE);

    beforeEach(({ onTestFailed }) => {
      onTestFailed(() => {
        allPassed = false;
      });
    });

    afterAll(async () => {
      await harness?.close();
      if (backend) await backend.stop();
      timings.push({
        preset: preset.name,
        step: 'signed-in',
        ms: Math.round(performance.now() - started),
        ok: allPassed && harness !== undefined,
      });
    });

    test(
      `renders the signed-in app: Clerk’s user button, \`me\` from main${hasBackend ? ', the user’s notes from the backend' : ''}`,
      { timeout: 3 * MINUTE },
      async () => {
        alice = await h().openWindow(ALICE);
        const text = await waitForSignedIn(alice, { backend: hasBackend });
        expect(text).toContain(alice.sessionId);
        // The app's own `me` call carried a session token the stand-in minted for Alice, for this origin,
        // and main, having verified it, keeps it as the window's token.
        const meCalls = alice.calls.filter((call) => call.path === 'me');
        expect(meCalls.length).toBeGreaterThan(0);
        const token = h().tokens.get(alice.windowId);
        expect(meCalls.map((call) => call.token)).toContain(token);
        expect(mintFor(token)).toMatchObject({ sub: ALICE.id, sid: alice.sessionId, azp: h().origin });

        expect(await alice.page.locator('[data-screen="home"]').count()).toBe(1);
        if (hasBackend) {
          expect(alice.calls.map((call) => call.path)).toContain('remote.me');
          await addNoteThroughUi(alice, noteOfAlice);
          expect(alice.calls.map((call) => call.path)).toContain('remote.notes.list');
          const listed = await alice.send('query', 'remote.notes.list', await clerkSessionToken(alice));
          expect(replyErrorCode(listed)).toBeNull();
          expect(JSON.stringify(replyJson(listed))).toContain(noteOfAlice);
        }

        // The README's screenshots are rewritten only when asked (UPDATE_SCREENSHOTS=1), so that a
        // test run leaves the work tree as it was; otherwise they go next to the generated apps.
        const screenshot = SIGNED_IN_SCREENSHOTS[preset.name];
        const file =
          screenshot && process.env.UPDATE_SCREENSHOTS === '1'
            ? join(REPO_ROOT, 'docs', 'screenshots', screenshot)
            : join(workspace(), `${preset.name}-signed-in.png`);
        await screenshotSignedIn(alice, file);
        console.log(`signed in (${preset.name}): screenshot ${file}`);

        expect(alice.consoleErrors).toEqual([]);
        expect(alice.pageErrors).toEqual([]);
        expect(h().handlerErrors).toEqual([]);
        expect(h().standIn.unhandled).toEqual([]);
      },
    );

    test(
      'windows open on a route: `windows.open({ route: "/notes" })` → main’s window URL ends in #/notes → that window shows the Notes screen',
      { timeout: 3 * MINUTE },
      async () => {
        const token = await clerkSessionToken(alice);
        const before = h().requestedWindowUrls.length;
        expect(replyErrorCode(await alice.send('mutation', 'windows.open', token, { route: '/notes' }))).toBeNull();
        expect(replyErrorCode(await alice.send('mutation', 'windows.open', token, { route: '//evil.example/notes' }))).toBe(
          'BAD_REQUEST',
        );
        const requested = h().requestedWindowUrls.slice(before);
        expect(requested).toHaveLength(1);
        expect(new URL(requested[0]!).hash).toBe('#/notes');

        const notesWindow = await h().openWindow(ALICE, requested[0]);
        await waitForScreen(notesWindow.page, 'notes');
        expect(await notesWindow.page.locator('[data-screen="home"]').count()).toBe(0);
        // The app's own nav goes back to Home in the same window.
        await goToRoute(notesWindow.page, '/');
        await waitForScreen(notesWindow.page, 'home');
        expect(notesWindow.pageErrors).toEqual([]);
        expect(notesWindow.consoleErrors).toEqual([]);
        await h().closeWindow(notesWindow);
      },
    );

    // The backend verifies with the real clock, so the clock moves only where main is the last hop.
    test.runIf(!hasBackend)(
      'tokens rotate: after their 60 s, calls carry a fresh token clerk-js got from the Frontend API',
      { timeout: 3 * MINUTE },
      async () => {
        const old = h().tokens.get(alice.windowId);
        expect(mintFor(old)?.exp).toBe(mintFor(old)!.iat + SESSION_TOKEN_LIFETIME_SECONDS);
        const callsBefore = alice.calls.length;

        await h().advanceClock(70_000);
        const jumpedTo = Math.floor(h().clock.now() / 1000);
        // Past its lifetime for main too: the old token no longer opens a protected procedure.
        expect(replyErrorCode(await alice.send('query', 'me', old))).toBe('UNAUTHORIZED');

        await returnToWindow(alice);
        const fresh = await clerkSessionToken(alice);
        expect(fresh).not.toBe(old);
        const minted = mintFor(fresh);
        expect(minted).toMatchObject({ sub: ALICE.id, sid: alice.sessionId, azp: h().origin });
        expect(minted!.iat).toBeGreaterThanOrEqual(jumpedTo - 2);
        expect(replyJson(await alice.send('query', 'me', fresh))).toEqual({ userId: ALICE.id, sessionId: alice.sessionId });
        expect(h().tokens.get(alice.windowId)).toBe(fresh);

        // React refetches on focus: its own calls carry the fresh token. No app call carries the old one.
        if (preset.framework === 'react') {
          await expect
            .poll(() => alice.calls.slice(callsBefore).some((call) => call.path === 'me' && call.token === fresh), {
              timeout: 10_000,
            })
            .toBe(true);
        }
        expect(alice.calls.slice(callsBefore).filter((call) => call.token === old)).toEqual([]);
      },
    );

    test('two users in two windows never see each other’s data', { timeout: 3 * MINUTE }, async () => {
      bob = await h().openWindow(BOB);
      const bobText = await waitForSignedIn(bob, { backend: hasBackend });
      expect(bobText).not.toContain(ALICE.id);
      expect(mintFor(h().tokens.get(bob.windowId))?.sub).toBe(BOB.id);
      expect(mintFor(h().tokens.get(alice.windowId))?.sub).toBe(ALICE.id);
      const aliceToken = await clerkSessionToken(alice);
      const bobToken = await clerkSessionToken(bob);
      expect(replyJson(await alice.send('query', 'me', aliceToken))).toEqual({ userId: ALICE.id, sessionId: alice.sessionId });
      expect(replyJson(await bob.send('query', 'me', bobToken))).toEqual({ userId: BOB.id, sessionId: bob.sessionId });

      if (hasBackend) {
        expect(bobText).not.toContain(noteOfAlice);
        await addNoteThroughUi(bob, noteOfBob);
        expect(await bob.page.innerText('body')).not.toContain(noteOfAlice);
        const aliceNotes = JSON.stringify(replyJson(await alice.send('query', 'remote.notes.list', aliceToken)));
        const bobNotes = JSON.stringify(replyJson(await bob.send('query', 'remote.notes.list', bobToken)));
        expect(aliceNotes).toContain(noteOfAlice);
        expect(aliceNotes).not.toContain(noteOfBob);
        expect(bobNotes).toContain(noteOfBob);
        expect(bobNotes).not.toContain(noteOfAlice);
        expect(replyJson(await bob.send('query', 'remote.me', bobToken))).toEqual({ userId: BOB.id, sessionId: bob.sessionId });
      }
      expect(bob.consoleErrors).toEqual([]);
      expect(bob.pageErrors).toEqual([]);
    });

    test(
      `organizations: Clerk’s switcher shows the active one, switching changes the token’s organization${hasBackend ? ' and the notes (never mixed); writing without org:notes:write shows the server’s refusal' : ''}`,
      { timeout: 3 * MINUTE },
      async () => {
        // Alice belongs to no organization: no switcher for her.
        expect(await alice.page.locator(CLERK_SELECTORS.organizationSwitcher).count()).toBe(0);
        const carol = await h().openWindow(CAROL, undefined, { activeOrgId: ACME.organization.id });
        await waitForSignedIn(carol, { backend: hasBackend });
        const switcher = carol.page.locator(CLERK_SELECTORS.organizationSwitcher);
        expect(await switcher.innerText()).toContain('Acme');
        expect(mintFor(h().tokens.get(carol.windowId))?.orgId).toBe(ACME.organization.id);
        const noteOfAcme = 'Acme’s note: only Acme sees this';
        if (hasBackend) await addNoteThroughUi(carol, noteOfAcme);

        const globexCallsFrom = carol.calls.length;
        await switchOrganizationThroughSwitcher(carol, 'Globex');
        expect(h().standIn.session(carol.sessionId)?.activeOrgId).toBe(GLOBEX.organization.id);
        const globexToken = await clerkSessionToken(carol);
        expect(mintFor(globexToken)).toMatchObject({ sub: CAROL.id, orgId: GLOBEX.organization.id });
        if (hasBackend) {
          // The Notes screen lists again, with Globex's token, and Acme's note is not among them.
          const listedInGlobex = () =>
            carol.calls
              .slice(globexCallsFrom)
              .some((call) => call.path === 'remote.notes.list' && mintFor(call.token)?.orgId === GLOBEX.organization.id);
          await expect.poll(listedInGlobex, { timeout: UI_WAIT_MS }).toBe(true);
          await carol.page.locator('[data-screen="notes"] ul').waitFor({ state: 'attached', timeout: UI_WAIT_MS });
          expect(await carol.page.innerText('body')).not.toContain(noteOfAcme);
          const globexNotes = await carol.send('query', 'remote.notes.list', globexToken);
          expect(JSON.stringify(replyJson(globexNotes))).not.toContain(noteOfAcme);

          // A member of Globex without org:notes:write: the server refuses and the screen says why, in the server's words.
          const refused = await carol.send('mutation', 'remote.notes.add', globexToken, { text: 'Not allowed' });
          expect(replyErrorCode(refused)).toBe('FORBIDDEN');
          const message = refused.error?.json?.message ?? '';
          expect(message).toContain('org:notes:write');
          await carol.page.getByPlaceholder('A note').fill('Not allowed');
          await carol.page.getByRole('button', { name: 'Add' }).click();
          await carol.page.getByText(message).waitFor({ timeout: UI_WAIT_MS });

          await switchOrganizationThroughSwitcher(carol, 'Acme');
          await carol.page.getByText(noteOfAcme).first().waitFor({ timeout: UI_WAIT_MS });
        } else {
          await switchOrganizationThroughSwitcher(carol, 'Acme');
        }
        expect(mintFor(await clerkSessionToken(carol))?.orgId).toBe(ACME.organization.id);

        // The README's picture: the switcher open over the organization's screen.
        await switcher.click();
        await carol.page.locator(CLERK_SELECTORS.organizationChoice).first().waitFor({ state: 'visible' });
        const file =
          preset.name === ORGANIZATION_SCREENSHOT.preset && process.env.UPDATE_SCREENSHOTS === '1'
            ? join(REPO_ROOT, 'docs', 'screenshots', ORGANIZATION_SCREENSHOT.file)
            : join(workspace(), `${preset.name}-${ORGANIZATION_SCREENSHOT.file}`);
        await screenshotSignedIn(carol, file);
        console.log(`organizations (${preset.name}): screenshot ${file}`);
        expect(carol.pageErrors).toEqual([]);
        expect(h().standIn.unhandled).toEqual([]);
        await h().closeWindow(carol);
      },
    );

    test(
      'a session with a task left (choose an organization) shows the task on every route; choosing one finishes it',
      { timeout: 3 * MINUTE },
      async () => {
        const carol = await h().openWindow(CAROL, routeUrl(h().origin, '/notes'), { pending: true });
        await waitForScreen(carol.page, 'session-task');
        expect(await carol.page.locator('[data-screen="notes"], [data-screen="home"], [data-screen="sign-in"]').count()).toBe(0);
        await carol.page.locator(CLERK_SELECTORS.taskChoice).filter({ hasText: 'Globex' }).click();
        await waitForScreen(carol.page, 'notes');
        expect(h().standIn.session(carol.sessionId)).toMatchObject({ status: 'active', activeOrgId: GLOBEX.organization.id });
        expect(await carol.page.locator(CLERK_SELECTORS.organizationSwitcher).innerText()).toContain('Globex');
        expect(mintFor(await clerkSessionToken(carol))).toMatchObject({ sub: CAROL.id, orgId: GLOBEX.organization.id });
        expect(carol.pageErrors).toEqual([]);
        await h().closeWindow(carol);
      },
    );

    test(
      'signing out returns to sign-in, main forgets the window’s token, protected calls answer UNAUTHORIZED',
      { timeout: 3 * MINUTE },
      async () => {
        expect(h().tokens.get(alice.windowId)).not.toBeNull();
        const callsBefore = alice.calls.length;
        const mintedBefore = h().standIn.minted.length;

        await signOutThroughUserButton(alice);
        expect(
          h().standIn.requests.some((request) => request.method === 'DELETE' && request.path === '/v1/client/sessions'),
        ).toBe(true);
        expect(h().standIn.session(alice.sessionId)?.status).toBe('ended');
        expect(await clerkSessionToken(alice)).toBeNull();
        // The signed-out app's own calls carry no token, and main has none for the window any more.
        await expect
          .poll(() => alice.calls.slice(callsBefore).some((call) => call.token === null), { timeout: 10_000 })
          .toBe(true);
        expect(alice.calls.slice(callsBefore).filter((call) => call.token !== null)).toEqual([]);
        expect(h().tokens.get(alice.windowId)).toBeNull();
        expect(replyErrorCode(await alice.send('query', 'me', null))).toBe('UNAUTHORIZED');
        if (hasBackend) expect(replyErrorCode(await alice.send('query', 'remote.me', null))).toBe('UNAUTHORIZED');
        expect(
          h()
            .standIn.minted.slice(mintedBefore)
            .filter((minted) => minted.sid === alice.sessionId),
        ).toEqual([]);

        // Signed out, every route shows the sign-in screen (Clerk's, whose steps take the hash from `#/`).
        await goToRoute(alice.page, '/notes');
        await waitForScreen(alice.page, 'sign-in');
        await alice.page.locator(CLERK_SELECTORS.signIn).waitFor({ state: 'visible', timeout: UI_WAIT_MS });
        expect(await alice.page.locator('[data-screen="notes"], [data-screen="home"]').count()).toBe(0);
        expect(new URL(alice.page.url()).hash).toMatch(/^(#\/?)?$/);

        // Bob, in the other window, is still signed in.
        expect(mintFor(h().tokens.get(bob.windowId))?.sub).toBe(BOB.id);
        expect(replyJson(await bob.send('query', 'me', await clerkSessionToken(bob)))).toEqual({
          userId: BOB.id,
          sessionId: bob.sessionId,
        });
        expect(alice.pageErrors).toEqual([]);
      },
    );

    test(`the stand-in served every Frontend API request, all from clerk-js ${CHECKED_WITH_CLERK_JS}`, () => {
      const { standIn } = h();
      console.log(
        `Frontend API requests (${preset.name}): ${summarizeRequests(standIn.requests)}; Clerk UI ${standIn.ui.requestedVersion} served from @clerk/ui@${standIn.ui.servedVersion}`,
      );
      expect(standIn.unhandled).toEqual([]);
      const fromClerkJs = standIn.requests.filter((request) => request.path.startsWith('/v1/'));
      expect(new Set(fromClerkJs.map((request) => request.clerkJsVersion))).toEqual(new Set([CHECKED_WITH_CLERK_JS]));
      // Native mode, as @clerk/electron sets it up: flagged native, the client token from main's storage on every request.
      expect(fromClerkJs.filter((request) => !request.native || !request.withClientToken)).toEqual([]);
      expect([...standIn.uiVersionsRequested]).toContain(standIn.ui.requestedVersion);
      // main verified with the stand-in's JWKS
      expect(standIn.requests.some((request) => request.path === '/.well-known/jwks.json')).toBe(true);
    });
  });

  // Last: it changes the app. The README's steps (checks/add-a-screen.ts), then what the README promises.
  test.runIf(preset.framework in ADD_A_SCREEN && (preset.renderer || preset.backendHealth))(
    'README "Add a screen": a Settings screen added as it says type-checks, lints, passes the tests and shows at #/settings',
    { timeout: 15 * MINUTE },
    async () => {
      // The renderer the checks above built with a key is no source of the app's (lint would read it).
      rmSync(join(app.dir, 'out-keyed'), { recursive: true, force: true });
      ADD_A_SCREEN[preset.framework]!(app.dir);
      expectSuccess(preset, 'screen-typecheck', await app.run('typecheck', { step: 'screen-typecheck' }));
      expectSuccess(preset, 'screen-lint', await app.run('lint', { step: 'screen-lint' }));
      expectSuccess(preset, 'screen-test', await app.run('test', { step: 'screen-test' }));
      const build = await app.run('build', {
        args: ['--outDir', 'out-screen'],
        env: { VITE_CLERK_PUBLISHABLE_KEY: PLACEHOLDER_PUBLISHABLE_KEY },
        step: 'screen-build',
      });
      expect(build.exitCode, describeFailure(build)).toBe(0);
      const info = JSON.parse(readFileSync(join(app.dir, 'package.json'), 'utf8')) as { name: string; version: string };
      const harness = await SignedInHarness.open({
        appDir: app.dir,
        rendererDir: join(app.dir, 'out-screen', 'renderer'),
        publishableKey: PLACEHOLDER_PUBLISHABLE_KEY,
        appInfo: { name: info.name, version: info.version },
        workDir: workspace(),
        tag: `${preset.name}-screen`,
      });
      try {
        const window = await harness.openWindow(ALICE, routeUrl(harness.origin, '/settings'));
        await waitForScreen(window.page, 'settings');
        await window.page.getByRole('link', { name: 'Settings' }).waitFor({ state: 'visible' });
        expect(window.pageErrors).toEqual([]);
      } finally {
        await harness.close();
        // A build is no source of the app's: the checks after this one lint it.
        rmSync(join(app.dir, 'out-screen'), { recursive: true, force: true });
      }
    },
  );

  test.runIf(preset.addTable)(
    'README "Add a table": a table, its migration from db:generate, a store and procedures added as it says type-check, lint and pass the backend tests',
    { timeout: 15 * MINUTE },
    async () => {
      const section = readmeSection(app.dir, 'Add a table');
      for (const named of ADD_A_TABLE_NAMES) expect(section, `the README's "Add a table" no longer names it`).toContain(named);
      const before = migrations(app.dir);
      addTableToSchema(app.dir);
      expectSuccess(preset, 'table-migration', await app.run('db:generate', { cwd: 'backend', step: 'table-migration' }));
      const written = migrations(app.dir).filter((name) => !before.includes(name));
      expect(written).toHaveLength(1);
      expect(migrationText(app.dir, written[0]!)).toContain('CREATE TABLE `bookmarks`');
      addTableProcedures(app.dir);
      CALL_FROM_A_SCREEN[preset.framework]?.(app.dir);
      expectSuccess(preset, 'table-typecheck', await app.run('typecheck', { step: 'table-typecheck' }));
      expectSuccess(preset, 'table-lint', await app.run('lint', { step: 'table-lint' }));
      const tests = await app.run('test', { cwd: 'backend', step: 'table-test' });
      expectSuccess(preset, 'table-test', tests);
      expect(tests.tail).toContain(ADDED_TABLE_TEST);
    },
  );

  test.runIf(preset.switchTokenStorage !== undefined)(
    `README "Switch the token storage": to ${preset.switchTokenStorage ?? 'another storage'} as it says, the app reads as the CLI renders it, installs, type-checks, lints and passes its tests`,
    { timeout: 15 * MINUTE },
    async () => {
      const to = preset.switchTokenStorage!;
      const section = readmeSection(app.dir, 'Switch the token storage');
      // The README's scratch-app command, once per storage, into folders named like the app (same name and scheme).
      const render = (storage: TokenStorage) => {
        const dir = join(workspace(), `${preset.name}-as-${storage}`, basename(app.dir));
        const env = { ...process.env, npm_config_user_agent: '' };
        execFileSync(process.execPath, [CLI_BIN, ...scratchAppArgs(section, dir, storage)], {
          cwd: REPO_ROOT,
          env,
          stdio: 'pipe',
        });
        return dir;
      };
      const scratch = render(to);
      switchTokenStorage(app.dir, scratch, to);
      expect(storageSwitchDrift(app.dir, render(preset.tokenStorage), scratch)).toEqual([]);
      expectSuccess(preset, 'storage-install', await app.install('storage-install'));
      expectSuccess(preset, 'storage-typecheck', await app.run('typecheck', { step: 'storage-typecheck' }));
      expectSuccess(preset, 'storage-lint', await app.run('lint', { step: 'storage-lint' }));
      expectSuccess(preset, 'storage-test', await app.run('test', { step: 'storage-test' }));
    },
  );
});

/**
 * An app made by this repository at an earlier commit, edited as an owner would, upgraded by the
 * built CLI, then installed and checked like the generated apps: type-check, lint, its own tests.
 * Runs with the whole e2e project, or alone: E2E_PRESETS=none E2E_UPGRADE=1 npm run test:e2e.
 * E2E_UPGRADE=0 leaves it out.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { CLI_BIN, GeneratedApp } from '../../scripts/lib/generated-app.js';
import { describeFailure, type CommandResult } from '../../scripts/lib/run-command.js';
import { BASE_PACKAGE_ENV } from '../../src/upgrade/command.js';
import { EARLIER_COMMIT, hasCommit, packageAtCommit, scaffoldWith } from '../cli/helpers/earlier-version.js';

const MINUTE = 60_000;
const wanted =
  process.env.E2E_UPGRADE === '1' ||
  (process.env.E2E_UPGRADE !== '0' && ['', 'all'].includes((process.env.E2E_PRESETS ?? 'all').trim()));

const expectSuccess = (result: CommandResult) => expect(result.exitCode, describeFailure(result)).toBe(0);

describe.runIf(wanted && hasCommit(EARLIER_COMMIT))('an app upgraded from an earlier commit, with owner edits', () => {
  let workspace: string;
  let earlier: string;
  let app: GeneratedApp;
  let failed = false;

  beforeEach(({ onTestFailed }) => onTestFailed(() => void (failed = true)));

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'cect-e2e-upgrade-'));
    earlier = packageAtCommit(EARLIER_COMMIT);
    const combination = {
      framework: 'react',
      backend: 'cloudflare',
      tokenStorage: 'safe-storage',
      packageManager: 'npm',
    } as const;
    app = new GeneratedApp(combination, join(workspace, 'app'), join(workspace, 'logs'));
    scaffoldWith(earlier, app.dir, '--no-install', '--no-git', '--yes');
    const edit = (path: string, change: (text: string) => string) =>
      writeFileSync(join(app.dir, path), change(readFileSync(join(app.dir, path), 'utf8')));
    edit('backend/src/router.ts', (t) =>
      t.replace(/^(\s*)health: /m, "$1ping: publicProcedure.query(() => 'pong' as const),\n$1health: "),
    );
    edit('src/renderer/src/main.tsx', (t) => t.replace('createRoot(', '// Rendered once per window.\ncreateRoot('));
    edit('package.json', (t) => t.replace('"scripts": {', '"scripts": {\n    "seed": "node --version",'));
    const version = (JSON.parse(readFileSync(join(earlier, 'package.json'), 'utf8')) as { version: string }).version;
    execFileSync(process.execPath, [CLI_BIN, 'upgrade', '--from', version, '--yes'], {
      cwd: app.dir,
      env: { ...process.env, [BASE_PACKAGE_ENV]: earlier, CI: '1' },
      stdio: 'ignore',
    });
    expectSuccess(await app.install());
  }, 25 * MINUTE);

  afterAll(() => {
    rmSync(earlier, { recursive: true, force: true });
    if (!failed && !process.env.E2E_KEEP) rmSync(workspace, { recursive: true, force: true });
  });

  test('keeps the owner edits', () => {
    expect(readFileSync(join(app.dir, 'backend/src/router.ts'), 'utf8')).toContain(
      "ping: publicProcedure.query(() => 'pong' as const)",
    );
    expect(readFileSync(join(app.dir, 'src/renderer/src/main.tsx'), 'utf8')).toContain(
      '// Rendered once per window.\ncreateRoot(',
    );
  });

  test('type-checks', { timeout: 10 * MINUTE }, async () => {
    expectSuccess(await app.run('typecheck'));
  });

  test('lints clean', { timeout: 5 * MINUTE }, async () => {
    expectSuccess(await app.run('lint'));
  });

  test('passes its own tests', { timeout: 15 * MINUTE }, async () => {
    expectSuccess(await app.run('test'));
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import prompts from 'prompts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, type RunContext } from '../../src/cli/run.js';
import { readLayersFrom } from '../../src/plan/template-files.js';
import { hashTree } from '../cli/helpers/tree.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');

let sandbox: string;
beforeEach(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'cect-upgrade-command-'));
});
afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

/** The CLI in process, on a pretend terminal; `answers` go to the questions. */
async function runHere(argv: string[], cwd: string, answers: unknown[] = []) {
  let stdout = '';
  prompts.inject(answers);
  const context: RunContext = {
    argv,
    cwd,
    env: {},
    stdout: { write: (s: string) => (stdout += s), isTTY: true },
    stderr: { write: (s: string) => (stdout += s) },
    stdinIsTTY: true,
    readTemplates: () => readLayersFrom(TEMPLATES),
    version: '0.0.0-test',
    nodeVersion: '22.12.0',
    loadPrompts: async () => prompts,
    signal: new AbortController().signal,
    findPackageManagers: () => ['npm'],
  };
  return { code: await run(context), stdout };
}

describe('add on a terminal', () => {
  it('shows the plan and writes nothing when the answer is no; writes on yes', async () => {
    const made = await runHere(['app', '--no-install', '--no-git', '--yes'], sandbox);
    expect(made.code, made.stdout).toBe(0);
    const app = join(sandbox, 'app');
    const before = hashTree(app);

    const declined = await runHere(['add', 'workers'], app, [false]);
    expect(declined.code).toBe(130);
    expect(declined.stdout).toMatch(/add\s+\S*workers\//);
    expect(hashTree(app)).toEqual(before);

    const accepted = await runHere(['add', 'workers'], app, [true]);
    expect(accepted.code, accepted.stdout).toBe(0);
    expect(JSON.parse(readFileSync(join(app, 'create-electron-clerk-trpc.json'), 'utf8')).options.addons).toEqual(['workers']);
  });

  it('refuses option flags in an app whose manifest holds its options, and says what to use', async () => {
    await runHere(['app', '--no-install', '--no-git', '--yes'], sandbox);
    const result = await runHere(['upgrade', '--framework', 'vue', '--dry-run'], join(sandbox, 'app'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("--framework: this app's options come from its create-electron-clerk-trpc.json");
    expect(result.stdout).toContain('add backend <target>');
  });

  it('prints its own help', async () => {
    const result = await runHere(['upgrade', '--help'], sandbox);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('create-electron-clerk-trpc upgrade [--from <version>] [--dry-run] [--yes]');
  });
});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import prompts from 'prompts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/cli/errors.js';
import { askMissingAnswers, fitOneLine } from '../../src/cli/questions.js';
import { run, type RunContext } from '../../src/cli/run.js';
import { readLayersFrom } from '../../src/plan/template-files.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');
const context = { projectName: 'my-app', detectedPackageManager: undefined };

describe('askMissingAnswers (prompts.inject)', () => {
  it('asks every question in table order and returns the answers', async () => {
    prompts.inject(['vue', 'node', 'keychain', 'pnpm', '', 'my-scheme', false, true]);
    const answers = await askMissingAnswers(prompts, {}, context);
    expect(answers).toEqual({
      framework: 'vue',
      backend: 'node',
      tokenStorage: 'keychain',
      packageManager: 'pnpm',
      clerkPublishableKey: undefined,
      scheme: 'my-scheme',
      install: false,
      git: true,
    });
  });

  it('does not ask what a flag already answered', async () => {
    // Six questions remain; if framework or install were asked, the answers would land on the wrong keys.
    prompts.inject(['none', 'memory', 'bun', '', 'app-scheme', false]);
    const answers = await askMissingAnswers(prompts, { framework: 'vanilla', install: true }, context);
    expect(answers).toEqual({
      backend: 'none',
      tokenStorage: 'memory',
      packageManager: 'bun',
      clerkPublishableKey: undefined,
      scheme: 'app-scheme',
      git: false,
    });
  });

  it('turns Ctrl+C at a question into CancelledError', async () => {
    prompts.inject(['react', new Error('aborted')]);
    await expect(askMissingAnswers(prompts, {}, context)).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('interactive run (prompts.inject, fake terminal)', () => {
  let sandbox: string;
  beforeEach(() => {
    sandbox = mkdtempSync(join(tmpdir(), 'cect-questions-'));
  });
  afterEach(() => {
    rmSync(sandbox, { recursive: true, force: true });
  });

  function fakeRun(argv: string[], answers: unknown[], cwd = sandbox) {
    let stdout = '';
    let stderr = '';
    prompts.inject(answers);
    const ctx: RunContext = {
      argv,
      cwd,
      env: {},
      stdout: { write: (s: string) => (stdout += s), isTTY: true },
      stderr: { write: (s: string) => (stderr += s) },
      stdinIsTTY: true,
      readTemplates: () => readLayersFrom(TEMPLATES),
      version: '0.0.0-test',
      nodeVersion: '22.12.0',
      loadPrompts: async () => prompts,
      signal: new AbortController().signal,
    };
    return run(ctx).then((code) => ({ code, stdout, stderr }));
  }

  it('asks for the directory and the answers, then writes the project', async () => {
    const result = await fakeRun(['--no-install', '--no-git'], ['desk', 'vanilla', 'none', 'memory', 'npm', '', 'desk']);
    expect(result.code).toBe(0);
    expect(readdirSync(join(sandbox, 'desk'))).toContain('package.json');
    expect(result.stdout).toContain('npx create-electron-clerk-trpc desk --framework vanilla --backend none --token-storage memory');
  });

  it('offers a corrected package name for an invalid directory name', async () => {
    // With -y on a terminal, the corrected name is taken as the default answer.
    const defaulted = await fakeRun(['Your App', '--no-install', '--no-git', '-y'], []);
    expect(defaulted.code).toBe(0);
    expect(defaulted.stdout).toContain('using "your-app" (--yes)');
    expect(JSON.parse(readFileSync(join(sandbox, 'Your App', 'package.json'), 'utf8')).name).toBe('your-app');
    const asked = await fakeRun(['My App', '--no-install', '--no-git', '--framework', 'react', '--backend', 'none'], [
      'my-app',
      'memory',
      'npm',
      '',
      'my-app',
    ]);
    expect(asked.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(sandbox, 'My App', 'package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe('my-app');
  });

  it('cancels at a question: exit 130, cursor restored, nothing written', async () => {
    const result = await fakeRun(['app'], ['react', new Error('aborted')]);
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('\x1b[?25h');
    expect(existsSync(join(sandbox, 'app'))).toBe(false);
  });

  it('asks before writing into a non-empty folder; the default answer cancels', async () => {
    const project = join(sandbox, 'existing-project');
    mkdirSync(project);
    writeFileSync(join(project, 'notes.txt'), 'mine');
    const result = await fakeRun(['.', '--no-install', '--no-git'], [false], project);
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('Cancelled');
    expect(readdirSync(project)).toEqual(['notes.txt']);
  });
});

describe('fitOneLine', () => {
  it('keeps a short message and cuts a long one to the terminal width', () => {
    expect(fitOneLine('short', 80)).toBe('short');
    const cut = fitOneLine('x'.repeat(200), 80);
    expect(cut).toHaveLength(76);
    expect(cut.endsWith('…')).toBe(true);
  });
});

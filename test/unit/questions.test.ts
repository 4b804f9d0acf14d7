import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import prompts from 'prompts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/errors.js';
import { askMissingAnswers, fitOneLine, type Prompts } from '../../src/cli/questions.js';
import { run, type RunContext } from '../../src/cli/run.js';
import { readLayersFrom } from '../../src/plan/template-files.js';
import { BIN, baseEnv, ON_WINDOWS } from '../cli/helpers/cli.js';
import { hashTree } from '../cli/helpers/tree.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');
const context = { projectName: 'my-app', detectedPackageManager: undefined };

describe('askMissingAnswers (prompts.inject)', () => {
  it('asks the everyday questions, then the advanced ones after "More options?"', async () => {
    prompts.inject(['vue', 'node', 'keychain', ['workers'], 'pnpm', '', true, 'my-scheme', false, true]);
    const answers = await askMissingAnswers(prompts, {}, context);
    expect(answers).toEqual({
      framework: 'vue',
      backend: 'node',
      tokenStorage: 'keychain',
      addons: ['workers'],
      packageManager: 'pnpm',
      clerkPublishableKey: undefined,
      scheme: 'my-scheme',
      install: false,
      git: true,
    });
  });

  it('takes a key pasted with spaces around it, trimmed, as the flag does', async () => {
    const key = `pk_test_${Buffer.from('clerk.example.com$').toString('base64')}`;
    prompts.inject(['react', 'none', 'memory', [], 'npm', `  ${key}  `, false]);
    const answers = await askMissingAnswers(prompts, {}, context);
    expect(answers.clerkPublishableKey).toBe(key);
  });

  it('does not ask what a flag already answered', async () => {
    // If framework or install were asked, the answers would land on the wrong keys.
    prompts.inject(['none', 'memory', [], 'bun', '', true, 'app-scheme', false]);
    const answers = await askMissingAnswers(prompts, { framework: 'vanilla', install: true }, context);
    expect(answers).toEqual({
      backend: 'none',
      tokenStorage: 'memory',
      addons: [],
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

/** A stand-in for prompts that records each question and answers it with its default. */
function recordingPrompts() {
  const asked: prompts.PromptObject[] = [];
  const fn = (async (question: prompts.PromptObject) => {
    asked.push(question);
    const initial = question.initial;
    const choices = question.choices as prompts.Choice[];
    const value =
      question.type === 'select'
        ? choices[initial as number]!.value
        : question.type === 'multiselect'
          ? choices.filter((choice) => choice.selected).map((choice) => choice.value)
          : initial;
    return { [question.name as string]: question.type === 'text' && value === '' ? undefined : value };
  }) as unknown as Prompts;
  return { fn, asked };
}

describe('asking less', () => {
  it('the default path asks framework, backend, token storage, add-ons, the key and "More options?" only', async () => {
    const { fn, asked } = recordingPrompts();
    const answers = await askMissingAnswers(fn, {}, { ...context, installedPackageManagers: ['npm'] });
    expect(asked.map((q) => q.name)).toEqual(['framework', 'backend', 'tokenStorage', 'addons', 'clerkPublishableKey', 'more']);
    expect(answers).toEqual({
      framework: 'react',
      backend: 'cloudflare',
      tokenStorage: 'safe-storage',
      addons: [],
      clerkPublishableKey: undefined,
    });
  });

  it('asks for the package manager only when more than one is installed, offering only those', async () => {
    const { fn, asked } = recordingPrompts();
    await askMissingAnswers(fn, {}, { ...context, detectedPackageManager: 'bun', installedPackageManagers: ['npm', 'pnpm'] });
    const question = asked.find((q) => q.name === 'packageManager')!;
    expect((question.choices as prompts.Choice[]).map((c) => c.value)).toEqual(['npm', 'pnpm']);
    expect(question.initial).toBe(0);
  });

  it('gives every choice a one-line hint', async () => {
    const { fn, asked } = recordingPrompts();
    await askMissingAnswers(fn, {}, context);
    const selects = asked.filter((q) => q.type === 'select');
    expect(selects.map((q) => q.name)).toEqual(['framework', 'backend', 'tokenStorage', 'packageManager']);
    for (const question of selects) {
      for (const choice of question.choices as prompts.Choice[]) {
        expect(choice.description, `${String(question.name)}: ${choice.value}`).toMatch(/^[^\n]{8,80}$/);
      }
    }
  });
});

// Runs the commands it prints with sh.
describe.skipIf(ON_WINDOWS)('interactive run (prompts.inject, fake terminal)', () => {
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
      scriptPath: BIN,
      findPackageManagers: () => ['npm'],
    };
    return run(ctx).then((code) => ({ code, stdout, stderr }));
  }

  /** Runs a printed command in a shell, from `cwd`, as a user pasting it would. */
  const runPrinted = (command: string, cwd: string) =>
    execFileSync('sh', ['-c', command], { cwd, env: baseEnv(), encoding: 'utf8', stdio: 'pipe' });
  const repeatCommand = (stdout: string) => /To repeat this without questions:\n {2}(.+)\n/.exec(stdout)![1]!;
  /** POSIX shell words of a printed command (plain words and '…' quoting, as the POSIX shell's quote writes them). */
  const shellWords = (command: string) =>
    [...command.matchAll(/(?:'((?:[^']|'\\'')*)'|(\S+))/g)].map((m) =>
      m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!,
    );
  /**
   * The printed command, checked twice: a shell runs it as printed (the built CLI), and the same
   * arguments, in process, write byte-identical files (the built CLI may lag behind templates that
   * are being edited, so the byte comparison uses the sources on both sides).
   */
  async function expectReproduces(command: string, cwd: string, original: string, written: string, runFrom = '') {
    const [node, bin, ...args] = shellWords(command);
    expect([node, bin]).toEqual(['node', BIN]);
    const shell = join(cwd, 'shell', runFrom);
    mkdirSync(shell, { recursive: true });
    runPrinted(command, shell);
    const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string };
    expect(manifest(join(shell, written)).name).toBe(manifest(original).name);
    const inProcess = join(cwd, 'in-process', runFrom);
    mkdirSync(inProcess, { recursive: true });
    const again = await fakeRun(args, [], inProcess);
    expect(again.code, again.stderr).toBe(0);
    expect(hashTree(join(inProcess, written))).toEqual(hashTree(original));
  }

  it('asks for the directory and the answers, then writes the project', async () => {
    const result = await fakeRun(['--no-install', '--no-git'], ['desk', 'vanilla', 'none', 'memory', ['workers'], '', false]);
    expect(result.code).toBe(0);
    expect(readdirSync(join(sandbox, 'desk'))).toContain('package.json');
    expect(result.stdout).toContain(`node ${BIN} desk --framework vanilla --backend none --token-storage memory --with workers`);
    expect(readdirSync(join(sandbox, 'desk', 'src', 'kit', 'main'))).toContain('workers');
  });

  it('offers a corrected package name for an invalid directory name', async () => {
    // With -y on a terminal, the corrected name is taken as the default answer.
    const defaulted = await fakeRun(['Your App', '--no-install', '--no-git', '-y'], []);
    expect(defaulted.code).toBe(0);
    expect(defaulted.stdout).toContain('using "your-app" (--yes)');
    expect(JSON.parse(readFileSync(join(sandbox, 'Your App', 'package.json'), 'utf8')).name).toBe('your-app');
    const asked = await fakeRun(
      ['My App', '--no-install', '--no-git', '--framework', 'react', '--backend', 'none'],
      ['my-app', 'memory', [], '', false],
    );
    expect(asked.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(sandbox, 'My App', 'package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe('my-app');
  });

  it('after a package-name correction, the printed command runs as printed and writes the same files', async () => {
    const first = join(sandbox, 'first');
    const second = join(sandbox, 'second');
    mkdirSync(first);
    mkdirSync(second);
    const asked = await fakeRun(
      ['My App', '--no-install', '--no-git'],
      ['my-app', 'vue', 'node', 'keychain', ['workers'], '', false],
      first,
    );
    expect(asked.code, asked.stderr).toBe(0);
    const command = repeatCommand(asked.stdout);
    expect(command).toContain('--name my-app');
    await expectReproduces(command, second, join(first, 'My App'), 'My App');
  });

  it('"." in a folder whose name is not a package name has a non-interactive equivalent', async () => {
    const folder = join(sandbox, 'Desk Tool');
    const again = join(sandbox, 'again');
    mkdirSync(folder);
    mkdirSync(again);
    const asked = await fakeRun(
      ['.', '--no-install', '--no-git', '--backend', 'none'],
      ['desk-tool', 'react', 'memory', [], '', false],
      folder,
    );
    expect(asked.code, asked.stderr).toBe(0);
    const command = repeatCommand(asked.stdout);
    expect(command).toMatch(/ \. .*--name desk-tool/);
    // Run again from a folder of the same (invalid) name.
    await expectReproduces(command, again, folder, '.', 'Desk Tool');
  });

  it('cancels at a question: exit 130, cursor restored, nothing written', async () => {
    const result = await fakeRun(['app'], ['react', new Error('aborted')]);
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('\x1b[?25h');
    expect(existsSync(join(sandbox, 'app'))).toBe(false);
  });

  it('"no" to a non-empty folder asks for another directory instead of ending the run', async () => {
    const project = join(sandbox, 'existing-project');
    mkdirSync(project);
    writeFileSync(join(project, 'notes.txt'), 'mine');
    const result = await fakeRun(
      ['existing-project', '--no-install', '--no-git'],
      [false, 'fresh-app', 'react', 'none', 'memory', [], '', false],
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(readdirSync(project)).toEqual(['notes.txt']);
    expect(JSON.parse(readFileSync(join(sandbox, 'fresh-app', 'package.json'), 'utf8')).name).toBe('fresh-app');
  });

  it('"yes" to a non-empty folder keeps what was there and the printed command carries --force', async () => {
    const project = join(sandbox, 'existing-project');
    mkdirSync(project);
    writeFileSync(join(project, 'README.md'), 'mine');
    const result = await fakeRun(
      ['existing-project', '--no-install', '--no-git'],
      [true, 'react', 'none', 'memory', [], '', false],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(repeatCommand(result.stdout)).toContain('--force');
    const backups = readdirSync(project).filter((name) => name.startsWith('.create-electron-clerk-trpc-backup-'));
    expect(readFileSync(join(project, backups[0]!, 'README.md'), 'utf8')).toBe('mine');
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

/**
 * One generated app under test: written by the built CLI (as a user would run it) into a folder
 * outside this repository, then installed and exercised through its own package.json scripts under
 * Node 22. Shared by the e2e tests and the matrix script.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Backend, Framework, PackageManager, TokenStorage } from '../../src/options.js';
import { appEnv } from './child-env.js';
import { installKitTests, kitTestArgs, kitTypecheckArgs, removeKitTests } from './kit-tests.js';
import { ensureNode22 } from './node22.js';
import { packageManagerCommands, provisionPackageManager, type Command } from './package-managers.js';
import { runCommand, type CommandResult } from './run-command.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const CLI_BIN = join(REPO_ROOT, 'bin', 'create-electron-clerk-trpc.js');

export interface Combination {
  framework: Framework;
  backend: Backend;
  tokenStorage: TokenStorage;
  packageManager: PackageManager;
  /** Add-on ids (`--with`); none when left out */
  addons?: readonly string[];
}

export function combinationName(c: Combination): string {
  const base = `${c.framework}-${c.backend}-${c.tokenStorage}`;
  const withAddons = c.addons?.length ? `${base}-with-${c.addons.join('-')}` : base;
  return c.packageManager === 'npm' ? withAddons : `${withAddons}-${c.packageManager}`;
}

/** The CLI flags for a combination, as a user would type them for a non-interactive run. */
export function cliArgs(dir: string, c: Combination): string[] {
  return [
    dir,
    '--framework',
    c.framework,
    '--backend',
    c.backend,
    '--token-storage',
    c.tokenStorage,
    '--package-manager',
    c.packageManager,
    ...(c.addons?.length ? ['--with', c.addons.join(',')] : []),
    '--no-install',
    '--no-git',
    '--no-interactive',
    '--yes',
  ];
}

const MINUTE = 60_000;

export class GeneratedApp {
  readonly name: string;
  readonly env: NodeJS.ProcessEnv;
  private readonly commands;

  constructor(
    readonly combination: Combination,
    /** The app's folder */
    readonly dir: string,
    /** Where each step's output goes */
    readonly logsDir: string,
  ) {
    this.name = combinationName(combination);
    const node22 = ensureNode22();
    this.env = appEnv(process.env, {
      pathPrefix: [node22.binDir, ...provisionPackageManager(combination.packageManager)],
    });
    this.commands = packageManagerCommands(combination.packageManager);
  }

  /** Writes the app with the built CLI, run by the Node that runs this harness (the CLI supports Node 20.19+). */
  generate(): Promise<CommandResult> {
    if (!existsSync(join(REPO_ROOT, 'dist', 'index.js'))) {
      throw new Error('the CLI is not built: run `npm run build` first (root `npm test` does)');
    }
    return this.exec([process.execPath, [CLI_BIN, ...cliArgs(this.dir, this.combination)]], 'generate', MINUTE, {
      cwd: REPO_ROOT,
    });
  }

  install(step = 'install'): Promise<CommandResult> {
    return this.exec(this.commands.install, step, 20 * MINUTE);
  }

  /** Runs a script of the generated package.json (typecheck, test, build, ...), or of backend/'s with `cwd: 'backend'`. */
  run(
    script: string,
    options: { args?: readonly string[]; env?: Record<string, string>; step?: string; timeoutMs?: number; cwd?: string } = {},
  ): Promise<CommandResult> {
    return this.exec(
      this.commands.run(script, options.args),
      options.step ?? script.replace(/[^\w.-]/g, '_'),
      options.timeoutMs ?? 15 * MINUTE,
      { env: { ...this.env, ...options.env }, cwd: join(this.dir, options.cwd ?? '') },
    );
  }

  /**
   * Our infrastructure's tests (test/kit/<layer>/) for this app's layers, type-checked and run inside
   * it with its own dependencies, the backend's in backend/; then removed again. Run after `install`.
   */
  async runKitTests(): Promise<CommandResult[]> {
    const suites = installKitTests(this.dir, { addons: [], ...this.combination });
    const results: CommandResult[] = [];
    try {
      for (const [suite, dir] of [
        ['main', this.dir],
        ['backend', join(this.dir, 'backend')],
      ] as const) {
        if (!suites[suite]) continue;
        const typecheck = await this.exec(['node', kitTypecheckArgs(this.dir, dir)], `kit-typecheck-${suite}`, 5 * MINUTE, {
          cwd: dir,
        });
        results.push(typecheck);
        if (typecheck.exitCode !== 0) continue;
        results.push(await this.exec(['node', kitTestArgs(dir)], `kit-test-${suite}`, 15 * MINUTE, { cwd: dir }));
      }
    } finally {
      removeKitTests(this.dir);
    }
    return results;
  }

  /** Runs a program found on the app's PATH (Node 22 first), in the app's folder. */
  runProgram(file: string, args: readonly string[], step: string, timeoutMs = 15 * MINUTE): Promise<CommandResult> {
    return this.exec([file, args], step, timeoutMs);
  }

  runCommandFor(script: string): Command {
    return this.commands.run(script);
  }

  private exec(
    [file, args]: Command,
    step: string,
    timeoutMs: number,
    overrides: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
  ): Promise<CommandResult> {
    return runCommand(file, args, {
      cwd: overrides.cwd ?? this.dir,
      env: overrides.env ?? this.env,
      logFile: join(this.logsDir, `${step}.log`),
      timeoutMs,
    });
  }
}

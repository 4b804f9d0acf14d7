/** The whole run: arguments → questions → plan → write → install → git → next steps. Returns the exit code. */
import { basename, resolve } from 'node:path';
import { findCollisions, inspectTarget } from '../io/target-dir.js';
import { writePlan, type WriteOptions } from '../io/write-plan.js';
import { planProject, type ReadLayer } from '../plan/planner.js';
import { CorruptTemplatePackError } from '../plan/template-pack.js';
import { PM_COMMANDS } from '../plan/context.js';
import { HelpShown, parseArgs } from './args.js';
import { CancelledError, EXIT_CANCELLED, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { resolveInteractive, isCi } from './interactivity.js';
import { displayPath, nextSteps } from './next-steps.js';
import { DEFAULT_DIRECTORY } from './options-table.js';
import { createOutput, shellQuote, type Output } from './output.js';
import { detectPackageManager } from './package-manager.js';
import { askDirectory, askMissingAnswers, askPackageName, confirmNonEmptyDirectory, type Prompts } from './questions.js';
import { completeAnswers, toProjectOptions } from './resolve.js';
import { equivalentCommand, summaryLines } from './summary.js';
import { planTree } from './tree.js';
import { toValidPackageName, validatePackageName } from './validate.js';

export interface RunContext {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  stdinIsTTY: boolean;
  /** The template folders' reader; called once, when the plan is made */
  readTemplates: () => ReadLayer;
  version: string;
  nodeVersion: string;
  loadPrompts: () => Promise<Prompts>;
  /** Aborted on Ctrl+C / SIGTERM outside the questions */
  signal: AbortSignal;
  /** Test-only: called before each file is staged */
  beforeFile?: WriteOptions['beforeFile'];
  installDependencies?: typeof import('../io/install.js').installDependencies;
  initGitRepository?: typeof import('../io/git.js').initGitRepository;
}

export const MIN_APP_NODE = [22, 12] as const;

export function nodeIsOlderThan(version: string, [major, minor]: readonly [number, number]): boolean {
  const [maj = 0, min = 0] = version.replace(/^v/, '').split('.').map(Number);
  return maj < major || (maj === major && min < minor);
}

export async function run(context: RunContext): Promise<number> {
  const output = createOutput(context.stdout, context.stderr, context.env);
  try {
    return await runSteps(context, output);
  } catch (error) {
    if (error instanceof HelpShown) return error.exitCode;
    if (error instanceof UsageError) {
      output.error(error.message);
      return EXIT_USAGE;
    }
    if (error instanceof CorruptTemplatePackError) {
      output.error(error.message);
      return EXIT_USAGE;
    }
    if (error instanceof CancelledError) {
      if (output.isTTY) output.write('\x1b[?25h');
      output.log(error.message);
      return EXIT_CANCELLED;
    }
    output.error(`unexpected failure: ${(error as Error).message}`);
    if (context.env.DEBUG) output.error((error as Error).stack ?? '');
    output.error('Nothing was left half-written. Please report this with the command you ran.');
    return EXIT_USAGE;
  }
}

function throwIfCancelled(signal: AbortSignal) {
  if (signal.aborted) throw new CancelledError();
}

async function runSteps(context: RunContext, output: Output): Promise<number> {
  const { colors } = output;
  const parsed = parseArgs(context.argv, context.version, {
    out: (text) => void context.stdout.write(text),
    err: (text) => void context.stderr.write(text),
  });

  if (nodeIsOlderThan(context.nodeVersion, MIN_APP_NODE)) {
    output.warn(`Node ${context.nodeVersion}: this CLI works, but the generated app's tooling needs Node >= ${MIN_APP_NODE.join('.')}.`);
  }

  const interactive = resolveInteractive(parsed.run.interactive, parsed.run.yes, {
    stdinIsTTY: context.stdinIsTTY,
    stdoutIsTTY: context.stdout.isTTY === true,
    ci: isCi(context.env),
  });
  const asking = interactive && !parsed.run.yes;
  const promptsFn = asking ? await context.loadPrompts() : undefined;

  const directory = parsed.directory ?? (promptsFn ? await askDirectory(promptsFn, DEFAULT_DIRECTORY) : DEFAULT_DIRECTORY);
  const target = resolve(context.cwd, directory);
  let projectName = basename(target);
  const nameProblem = validatePackageName(projectName);
  if (nameProblem !== undefined) {
    const suggestion = toValidPackageName(projectName);
    if (promptsFn) {
      projectName = await askPackageName(promptsFn, projectName, suggestion, nameProblem);
    } else if (interactive) {
      // --yes on a terminal: the corrected name is the question's default answer.
      output.log(`"${projectName}" is not a valid npm package name (${nameProblem}); using "${suggestion}" (--yes).`);
      projectName = suggestion;
    } else {
      throw new UsageError(
        `"${projectName}" (the directory name) is not a valid npm package name: ${nameProblem}.\n` +
          `The closest valid name is "${suggestion}": npx create-electron-clerk-trpc ${shellQuote(suggestion)}`,
      );
    }
  }

  const state = inspectTarget(target);
  if (typeof state === 'string') throw new UsageError(`${state}. Choose another directory.`);
  const nonEmpty = state.entries.length > 0;
  if (nonEmpty && !parsed.run.force) {
    if (promptsFn) {
      if (!(await confirmNonEmptyDirectory(promptsFn, directory, state.entries))) {
        throw new CancelledError(`Cancelled: ${directory} was left as it was.`);
      }
    } else {
      const listed = state.entries.slice(0, 20).map((entry) => `  ${entry}`).join('\n');
      const more = state.entries.length > 20 ? `\n  … and ${state.entries.length - 20} more` : '';
      throw new UsageError(
        `${directory} is not empty:\n${listed}${more}\n` +
          'Choose a new or empty directory, or pass --force to write into it (nothing is deleted; files at the same paths are replaced).',
      );
    }
  }

  const defaultsContext = { projectName, detectedPackageManager: detectPackageManager(context.env.npm_config_user_agent) };
  const partial = promptsFn ? { ...parsed.given, ...(await askMissingAnswers(promptsFn, parsed.given, defaultsContext)) } : parsed.given;
  const answers = completeAnswers(partial, defaultsContext);
  const options = toProjectOptions(projectName, answers);
  throwIfCancelled(context.signal);

  const plan = planProject(options, context.readTemplates());
  const collisions = nonEmpty ? findCollisions(target, plan.keys()) : { replaced: [], blocked: [] };
  if (collisions.blocked.length > 0) {
    throw new UsageError(
      `cannot write into ${directory} without deleting something, which --force never does:\n` +
        collisions.blocked.map((line) => `  ${line}`).join('\n') +
        '\nMove those out of the way, or choose another directory.',
    );
  }

  const displayDir = displayPath(context.cwd, target);
  output.log();
  output.log(`${colors.bold('create-electron-clerk-trpc')} ${colors.dim(`v${context.version}`)}: ${projectName} in ${displayDir}`);
  for (const line of summaryLines(answers, colors)) output.log(line);
  output.log();
  output.log(`${interactive ? 'To repeat this without questions' : 'Equivalent command'}:`);
  output.log(`  ${equivalentCommand(directory, answers, { force: parsed.run.force })}`);
  output.log();

  if (parsed.run.dryRun) {
    output.log(`Would write into ${target}:`);
    for (const line of planTree(plan, colors, new Set(collisions.replaced))) output.log(line);
    output.log();
    output.log('Dry run: nothing was written.');
    return EXIT_OK;
  }

  throwIfCancelled(context.signal);
  output.log(`Writing ${plan.size} files to ${target}…`);
  const { replaced } = await writePlan(target, plan, { signal: context.signal, beforeFile: context.beforeFile });
  output.log(colors.green(`Wrote ${plan.size} files.`));
  if (replaced.length > 0) {
    output.log(colors.yellow(`Replaced ${replaced.length} existing file${replaced.length === 1 ? '' : 's'} (--force):`));
    for (const path of replaced) output.log(`  ${path}`);
  }

  let installFailed = false;
  let installed = false;
  if (answers.install) {
    const install = context.installDependencies ?? (await import('../io/install.js')).installDependencies;
    const result = await install(target, options.packageManager, output, context.signal);
    installed = result.ok;
    if (!result.ok) {
      installFailed = true;
      if (result.output.trim() !== '') context.stderr.write(`${result.output.trimEnd()}\n`);
      output.error(`Dependency install failed: ${result.reason}. The project was kept.`);
    }
  }

  if (answers.git && !context.signal.aborted) {
    const initGit = context.initGitRepository ?? (await import('../io/git.js')).initGitRepository;
    const git = await initGit(target, nonEmpty ? [...plan.keys()] : undefined);
    output.log(git.committed ? colors.green('Created a git repository with a first commit.') : `Note: ${git.note}`);
  }

  for (const line of nextSteps({ options, cwd: context.cwd, target, installed }, colors)) output.log(line);

  if (context.signal.aborted) {
    output.log('');
    output.log(`Cancelled during install; the project was kept. Finish with: ${retryCommand(context.cwd, target, options.packageManager)}`);
    return EXIT_CANCELLED;
  }
  if (installFailed) {
    output.log('');
    output.error(`To retry the install: ${retryCommand(context.cwd, target, options.packageManager)}`);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}

function retryCommand(cwd: string, target: string, packageManager: keyof typeof PM_COMMANDS): string {
  const shown = displayPath(cwd, target);
  const install = PM_COMMANDS[packageManager].install;
  return shown === '.' ? install : `cd ${shellQuote(shown)} && ${install}`;
}

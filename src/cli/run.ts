/** The whole run: arguments → questions → plan → write → install → git → next steps. Returns the exit code. */
import { existsSync } from 'node:fs';
import { isExecutableFile } from '../io/executables.js';
import { join } from 'node:path';
import { mergeExistingDotenvFiles } from '../io/existing-dotenv.js';
import { findCollisions, inspectTarget } from '../io/target-dir.js';
import { writePlan } from '../io/write-plan.js';
import { withAppManifest } from '../plan/app-manifest.js';
import { planProject, type ReadLayer } from '../plan/planner.js';
import type { PackageManager } from '../options.js';
import { HelpShown, parseArgs } from './args.js';
import { APP_NODE, isOlderThanAppNode } from '../core/node-version.js';
import { CancelledError, EXIT_CANCELLED, EXIT_OK, EXIT_USAGE, UsageError } from '../core/errors.js';
import { resolveInteractive, isCi } from './interactivity.js';
import { displayPath, nextSteps } from './next-steps.js';
import { placeFor, type Place } from './directory.js';
import { invocationPrefix } from './invocation.js';
import { DEFAULT_DIRECTORY, type Answers, type DefaultsContext } from './options-table.js';
import { createOutput, type Output } from '../core/output.js';
import { currentShell, type Shell } from '../core/shell.js';
import {
  detectPackageManager,
  findInstalledPackageManagers,
  missingPackageManagerMessage,
  PM_COMMANDS,
} from '../package-managers.js';
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
  /** Loads the prompts library; `color`: whether it may use colour (NO_COLOR / FORCE_COLOR) */
  loadPrompts: (settings: { color: boolean }) => Promise<Prompts>;
  /** Aborted on Ctrl+C / SIGTERM outside the questions */
  signal: AbortSignal;
  /** process.argv[1], to print commands that start the CLI the way it was started */
  scriptPath?: string;
  /** Where --help says the documentation is */
  docsPath?: string;
  /** The package managers on PATH (default: looked up on PATH) */
  findPackageManagers?: () => PackageManager[];
  installDependencies?: typeof import('../io/install.js').installDependencies;
  /** The operating system, for the commands the run prints and starts (default: process.platform) */
  platform?: NodeJS.Platform;
  initGitRepository?: typeof import('../io/git.js').initGitRepository;
}

/** `upgrade` and `add` run inside an existing app; everything else scaffolds one. */
function isAppCommand(argv: readonly string[]): boolean {
  return argv[0] === 'upgrade' || argv[0] === 'add';
}

export async function run(context: RunContext): Promise<number> {
  const output = createOutput(context.stdout, context.stderr, context.env);
  try {
    if (isAppCommand(context.argv)) {
      // Only `upgrade` and `add` need the merge machinery: a scaffold does not load it.
      const { runAppCommand } = await import('../upgrade/command.js');
      return await runAppCommand(context, output);
    }
    return await runSteps(context, output);
  } catch (error) {
    if (error instanceof HelpShown) return error.exitCode;
    if (error instanceof UsageError) {
      output.error(error.message);
      return EXIT_USAGE;
    }
    if (error instanceof CancelledError) {
      if (output.isTTY) output.write('\x1b[?25h');
      output.log(error.message);
      return EXIT_CANCELLED;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      output.error((error as Error).message);
      output.error(
        'Not allowed to write there; nothing was left half-written. Choose a folder you can write to, or change its permissions.',
      );
      return EXIT_USAGE;
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

/** A folder name next to the one that was refused, for the "another directory" question. */
function freshFolderName(cwd: string, folder: string): string {
  const base = folder === '.' || folder === '' ? DEFAULT_DIRECTORY : folder;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    const path = join(cwd, candidate);
    if (!existsSync(path)) return candidate;
    const state = inspectTarget(path);
    if (typeof state !== 'string' && state.entries.length === 0) return candidate;
  }
}

async function runSteps(context: RunContext, output: Output): Promise<number> {
  const { colors } = output;
  const platform = context.platform ?? process.platform;
  const shell = currentShell(platform, context.env);
  const prefix = invocationPrefix({
    env: context.env,
    scriptPath: context.scriptPath,
    cwd: context.cwd,
    version: context.version,
    shell,
  });
  const parsed = parseArgs(
    context.argv,
    context.version,
    { out: (text) => void context.stdout.write(text), err: (text) => void context.stderr.write(text) },
    { prefix, docsPath: context.docsPath },
  );

  if (isOlderThanAppNode(context.nodeVersion)) {
    output.warn(
      `Node ${context.nodeVersion}: this CLI works, but the generated app's tooling needs Node >= ${APP_NODE.major}.${APP_NODE.minor}.`,
    );
  }

  const interactive = resolveInteractive(parsed.run.interactive, parsed.run.yes, {
    stdinIsTTY: context.stdinIsTTY,
    stdoutIsTTY: context.stdout.isTTY === true,
    ci: isCi(context.env),
  });
  const asking = interactive && !parsed.run.yes;
  const promptsFn = asking ? await context.loadPrompts({ color: output.colorEnabled }) : undefined;
  /** The command line as given, plus a flag: what every refusal offers to run instead. */
  const retryWith = (...extra: string[]) => [prefix, ...context.argv.map(shell.quote), ...extra].join(' ');

  const initial = parsed.directory ?? (promptsFn ? await askDirectory(promptsFn, DEFAULT_DIRECTORY) : DEFAULT_DIRECTORY);
  const { place, entries, force } = await chooseTarget(context.cwd, initial, parsed.run.force, promptsFn, output, retryWith);
  const nonEmpty = entries.length > 0;
  if (place.scope) {
    output.log(
      `${place.impliedName} is a scoped package name: the app goes into the folder ${place.folder}, its package name is ${place.impliedName}.`,
    );
  }

  // The package name: --name, else the one the directory implies, corrected if it is not valid.
  let projectName = parsed.given.name ?? place.impliedName;
  const nameProblem = parsed.given.name === undefined ? validatePackageName(projectName) : undefined;
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
          `Keep the folder and give the package a valid name with --name:\n  ${retryWith('--name', shell.quote(suggestion))}`,
      );
    }
  }

  const installedPackageManagers = (
    context.findPackageManagers ??
    (() => findInstalledPackageManagers({ env: context.env, platform, isExecutable: isExecutableFile }))
  )();
  const defaults: DefaultsContext = {
    projectName,
    detectedPackageManager: detectPackageManager(context.env.npm_config_user_agent),
    installedPackageManagers,
  };
  const given = { ...parsed.given, name: projectName };
  const partial = promptsFn ? { ...given, ...(await askMissingAnswers(promptsFn, given, defaults)) } : given;
  const answers = completeAnswers(partial, defaults);
  // The command names the folder; --name is left out only when that folder implies the same name.
  const commandSettings = {
    prefix,
    force,
    defaults: { ...defaults, projectName: placeFor(context.cwd, place.folder).impliedName },
    shell,
  };
  const commandFor = (changed: Partial<Answers>) => equivalentCommand(place.folder, { ...answers, ...changed }, commandSettings);
  if (answers.install && !installedPackageManagers.includes(answers.packageManager)) {
    throw new UsageError(missingPackageManagerMessage(answers.packageManager, installedPackageManagers, commandFor));
  }
  const options = toProjectOptions(answers.name, answers);
  throwIfCancelled(context.signal);

  const planned = planProject(options, context.readTemplates());
  const merged = nonEmpty ? mergeExistingDotenvFiles(place.target, planned) : [];
  // Last: it records the bytes of every other file as they will be written (.env merges included).
  const plan = withAppManifest(planned, options, context.version);
  const collisions = nonEmpty ? findCollisions(place.target, plan.keys()) : { replaced: [], blocked: [] };
  if (collisions.blocked.length > 0) {
    throw new UsageError(
      `cannot write into ${place.folder} without deleting something, which --force never does:\n` +
        collisions.blocked.map((line) => `  ${line}`).join('\n') +
        '\nMove those out of the way, or choose another directory.',
    );
  }

  const displayDir = displayPath(context.cwd, place.target, shell.path);
  output.log();
  output.log(
    `${colors.bold('create-electron-clerk-trpc')} ${colors.dim(`v${context.version}`)}: ${answers.name} in ${displayDir}`,
  );
  for (const line of summaryLines(answers, colors)) output.log(line);
  output.log();
  output.log(`${interactive ? 'To repeat this without questions' : 'Equivalent command'}:`);
  output.log(`  ${commandFor({})}`);
  output.log();

  if (parsed.run.dryRun) {
    output.log(`Would write into ${place.target}:`);
    for (const line of planTree(plan, colors, new Set(collisions.replaced))) output.log(line);
    for (const note of merged) output.log(`${note.path}: your settings would be kept; would add ${note.added.join(', ')}`);
    if (collisions.replaced.length > 0) output.log('Replaced files would be kept in a backup folder inside it.');
    output.log();
    output.log('Dry run: nothing was written.');
    return EXIT_OK;
  }

  throwIfCancelled(context.signal);
  output.log(`Writing ${plan.size} files to ${place.target}…`);
  const { replaced, backupDir } = await writePlan(place.target, plan, { signal: context.signal });
  output.log(colors.green(`Wrote ${plan.size} files.`));
  for (const note of merged) output.log(`Kept your settings in ${note.path}; added ${note.added.join(', ')}.`);
  if (replaced.length > 0 && backupDir) {
    output.log(colors.yellow(`Replaced ${replaced.length} existing file${replaced.length === 1 ? '' : 's'} (--force):`));
    for (const path of replaced) output.log(`  ${path}`);
    output.log(
      `Their previous contents are in ${displayPath(context.cwd, backupDir, shell.path)}${shell.path.sep} (ignored by git; delete it when you no longer need it).`,
    );
  }

  const gitSkipped = answers.git ? ' (git init was skipped)' : '';
  const cancelledLine = () =>
    `Cancelled; the project was kept in ${displayDir}${gitSkipped}. To finish the install: ${retryCommand(shell, displayDir, options.packageManager)}`;
  let installFailed = false;
  let installed = false;
  if (answers.install) {
    const install = context.installDependencies ?? (await import('../io/install.js')).installDependencies;
    const result = await install(place.target, options.packageManager, output, context.signal);
    installed = result.ok;
    if (!result.ok && (result.cancelled || context.signal.aborted)) {
      output.log(cancelledLine());
      return EXIT_CANCELLED;
    }
    if (!result.ok) {
      installFailed = true;
      if (result.output.trim() !== '') context.stderr.write(`${result.output.trimEnd()}\n`);
      output.error(`Dependency install failed: ${result.reason}. The project was kept.`);
    }
  }

  if (answers.git && !context.signal.aborted) {
    const initGit = context.initGitRepository ?? (await import('../io/git.js')).initGitRepository;
    const git = await initGit(place.target, nonEmpty ? [...plan.keys()] : undefined);
    output.log(git.committed ? colors.green('Created a git repository with a first commit.') : `Note: ${git.note}`);
  }

  if (context.signal.aborted) {
    output.log(
      installed || !answers.install ? `Cancelled; the project was kept in ${displayDir}${gitSkipped}.` : cancelledLine(),
    );
    return EXIT_CANCELLED;
  }

  for (const line of nextSteps(
    {
      options,
      cwd: context.cwd,
      target: place.target,
      installed,
      nodeVersion: context.nodeVersion,
      shell,
    },
    colors,
  ))
    output.log(line);

  if (installFailed) {
    output.log('');
    output.error(`To retry the install: ${retryCommand(shell, displayDir, options.packageManager)}`);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}

interface ChosenTarget {
  place: Place;
  /** Its top-level entries (empty: new or empty) */
  entries: string[];
  /** --force, or "yes" to writing into a non-empty folder */
  force: boolean;
}

/** Where to write: asked again (interactive) until it is a usable folder; refused otherwise. */
async function chooseTarget(
  cwd: string,
  directory: string,
  forced: boolean,
  promptsFn: Prompts | undefined,
  output: Output,
  retryWith: (...extra: string[]) => string,
): Promise<ChosenTarget> {
  let place = placeFor(cwd, directory);
  for (;;) {
    const state = inspectTarget(place.target);
    if (typeof state === 'string') {
      if (!promptsFn) throw new UsageError(`${state}. Choose another directory.`);
      output.error(`${state}.`);
    } else if (state.entries.length === 0 || forced) {
      return { place, entries: state.entries, force: forced };
    } else if (!promptsFn) {
      const listed = state.entries
        .slice(0, 20)
        .map((entry) => `  ${entry}`)
        .join('\n');
      const more = state.entries.length > 20 ? `\n  … and ${state.entries.length - 20} more` : '';
      throw new UsageError(
        `${place.folder} is not empty:\n${listed}${more}\n` +
          'Choose a new or empty directory, or write into it anyway (files at the same paths are moved to a backup folder inside it; nothing is deleted):\n' +
          `  ${retryWith('--force')}`,
      );
    } else if (await confirmNonEmptyDirectory(promptsFn, place.folder, state.entries)) {
      return { place, entries: state.entries, force: true };
    }
    place = placeFor(cwd, await askDirectory(promptsFn, freshFolderName(cwd, place.folder)));
  }
}

export function retryCommand(shell: Shell, shownTarget: string, packageManager: keyof typeof PM_COMMANDS): string {
  const install = PM_COMMANDS[packageManager].install;
  return shownTarget === '.' ? install : shell.and(shell.cd(shownTarget), install);
}

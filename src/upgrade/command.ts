/**
 * `upgrade` and `add`, run inside an app: the files the CLI wrote then (base), the owner's files,
 * and what the CLI writes today (next) go through planUpgrade; the plan prints first, then is
 * written with the scaffold's safe write (backups, rollback, Ctrl+C), with a new manifest.
 */
import { existsSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunContext } from '../cli/run.js';
import { CancelledError, EXIT_OK, UsageError } from '../core/errors.js';
import type { Output } from '../core/output.js';
import { writePlan } from '../io/write-plan.js';
import { ADDON_IDS, BACKENDS, FRAMEWORKS, PACKAGE_MANAGERS, TOKEN_STORAGES, type ProjectOptions } from '../options.js';
import { APP_MANIFEST_PATH, appManifest, serializeAppManifest, type AppManifest } from '../plan/app-manifest.js';
import { planProject, type FilePlan } from '../plan/planner.js';
import { PM_COMMANDS } from '../package-managers.js';
import { normalizeAddonIds } from '../variants/select.js';
import { inferOptions } from './infer-options.js';
import { planUpgrade, type FileChange } from './plan-upgrade.js';
import { readTree, renderWithPackage, renderWithPublished } from './templates-of-version.js';

/** Points at an unpacked package of the base version instead of fetching it (offline, tests). */
export const BASE_PACKAGE_ENV = 'CREATE_ELECTRON_CLERK_TRPC_BASE_PACKAGE';

const HELP = `Usage, inside an app made by create-electron-clerk-trpc:
  create-electron-clerk-trpc upgrade [--from <version>] [--dry-run] [--yes]
  create-electron-clerk-trpc add <add-on> [--dry-run] [--yes]
  create-electron-clerk-trpc add backend <cloudflare|node> [--dry-run] [--yes]

Files you never changed are replaced; files you changed are merged three-way with today's
templates (conflicts marked <<<<<<< ours / ||||||| base / ======= / >>>>>>> theirs and listed);
package.json is merged key by key; .env and .dev.vars only get new keys appended.

  --from <version>         the version that made the app (needed when it has no ${APP_MANIFEST_PATH})
  --base-package <folder>  an unpacked create-electron-clerk-trpc package of that version (offline)
  --dry-run                print the plan; write nothing
  -y, --yes                write without asking
  Apps without a manifest: the options are read from the files; correct them with
  --framework, --backend, --token-storage, --package-manager, --scheme, --name, --with.
`;

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        'base-package': { type: 'string' },
        'dry-run': { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
        help: { type: 'boolean', short: 'h' },
        framework: { type: 'string' },
        backend: { type: 'string' },
        'token-storage': { type: 'string' },
        'package-manager': { type: 'string' },
        scheme: { type: 'string' },
        name: { type: 'string' },
        with: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${HELP}`);
  }
}

function oneOf<T extends string>(flag: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined || (choices as readonly string[]).includes(value)) return value as T | undefined;
  throw new UsageError(`--${flag} must be one of ${choices.join(', ')} (got "${value}").`);
}

function readManifest(root: string): AppManifest | undefined {
  const path = join(root, APP_MANIFEST_PATH);
  if (!existsSync(path)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as AppManifest;
    if (typeof manifest.cliVersion !== 'string' || typeof manifest.options !== 'object') throw new Error('fields missing');
    return manifest;
  } catch (error) {
    throw new UsageError(
      `${APP_MANIFEST_PATH} cannot be read (${(error as Error).message}). Restore it from git, or move it away and pass --from.`,
    );
  }
}

type Flags = ReturnType<typeof parse>['values'];

/** The options the app was made with: from its manifest, else read from its files (and flags). */
function recordedOptions(root: string, manifest: AppManifest | undefined, flags: Flags, output: Output): ProjectOptions {
  if (manifest) {
    const given = OPTION_FLAGS.filter((flag) => flags[flag] !== undefined);
    if (given.length > 0) {
      throw new UsageError(
        `${given.map((flag) => `--${flag}`).join(', ')}: this app's options come from its ${APP_MANIFEST_PATH}; ` +
          'those flags are only for apps without one (to add an add-on or a backend: add <add-on>, add backend <target>).',
      );
    }
    const { name, addons, ...rest } = manifest.options;
    return { projectName: name, addons, ...rest } as ProjectOptions;
  }
  const paths = [...readTree(root, SKIPPED).keys()];
  const inferred = inferOptions(paths, (path) =>
    existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined,
  );
  const projectName = flags.name ?? inferred.projectName;
  const scheme = flags.scheme ?? inferred.scheme;
  if (!projectName || !scheme) {
    throw new UsageError(
      `cannot tell this app's ${projectName ? 'scheme' : 'package name'}: pass --${projectName ? 'scheme' : 'name'}.`,
    );
  }
  output.log(`No ${APP_MANIFEST_PATH}: read from the app's files (a flag overrides any of these):`);
  for (const reason of inferred.reasons) output.log(`  ${reason}`);
  output.log(`  add-ons: ${flags.with ? flags.with : 'none (--with names them)'}`);
  return {
    projectName,
    scheme,
    framework: oneOf('framework', flags.framework, FRAMEWORKS) ?? inferred.framework,
    backend: oneOf('backend', flags.backend, BACKENDS) ?? inferred.backend,
    tokenStorage: oneOf('token-storage', flags['token-storage'], TOKEN_STORAGES) ?? inferred.tokenStorage,
    packageManager: oneOf('package-manager', flags['package-manager'], PACKAGE_MANAGERS) ?? inferred.packageManager,
    addons: normalizeAddonIds((flags.with ?? '').split(',').filter(Boolean)),
  };
}

/** The options an app without a manifest may be told instead of having them read from its files. */
const OPTION_FLAGS = ['framework', 'backend', 'token-storage', 'package-manager', 'scheme', 'name', 'with'] as const;

/** Folders an app holds that the CLI never wrote. */
const SKIPPED = new Set(['node_modules', '.git', 'out', 'dist', 'release']);

/** What `add …` changes in the options; `upgrade` changes none. */
function nextOptions(command: string, positionals: string[], options: ProjectOptions): ProjectOptions {
  if (command === 'upgrade') {
    if (positionals.length > 0) throw new UsageError(`upgrade takes no arguments (got ${positionals.join(' ')}).`);
    return options;
  }
  if (positionals[0] === 'backend') {
    const backend = oneOf(
      'backend',
      positionals[1],
      BACKENDS.filter((id) => id !== 'none'),
    );
    if (!backend) throw new UsageError(`add backend needs a target: ${BACKENDS.filter((id) => id !== 'none').join(' or ')}.`);
    if (backend === options.backend) throw new UsageError(`this app already has the ${backend} backend.`);
    return { ...options, backend };
  }
  const addon = positionals[0];
  if (!addon || !(ADDON_IDS as readonly string[]).includes(addon)) {
    throw new UsageError(
      `add needs an add-on (${ADDON_IDS.join(', ')}) or "backend <target>"${addon ? `; got "${addon}"` : ''}.`,
    );
  }
  if (options.addons.includes(addon)) throw new UsageError(`this app already has the ${addon} add-on.`);
  return { ...options, addons: normalizeAddonIds([...options.addons, addon]) };
}

const LABELS: Record<FileChange['action'], string> = {
  replaced: 'update',
  merged: 'merge',
  conflict: 'CONFLICT',
  added: 'add',
  removed: 'remove',
  kept: 'keep',
  settings: 'settings',
};

export async function runAppCommand(context: RunContext, output: Output): Promise<number> {
  const [command] = context.argv as [string];
  const { values: flags, positionals } = parse(context.argv);
  if (flags.help) {
    output.write(HELP);
    return EXIT_OK;
  }
  const root = context.cwd;
  if (!existsSync(join(root, 'package.json'))) {
    throw new UsageError(`${command} runs inside an app made by create-electron-clerk-trpc: ${root} has no package.json.`);
  }
  const manifest = readManifest(root);
  const from = flags.from ?? manifest?.cliVersion;
  if (!from) {
    throw new UsageError(
      `this app has no ${APP_MANIFEST_PATH} (it was made before apps recorded how they were made).\n` +
        `Say which version made it: ${command} --from <version> (see "create-electron-clerk-trpc" in its package-lock or git history).`,
    );
  }
  const options = recordedOptions(root, manifest, flags, output);
  const next = nextOptions(command, positionals, options);

  const basePackage = flags['base-package'] ?? context.env[BASE_PACKAGE_ENV];
  const source = basePackage ? ` (from ${basePackage})` : from === context.version ? '' : ` (fetching ${from} with npm pack)`;
  output.log(`Rendering the files version ${from} wrote${source}…`);
  const base: FilePlan = basePackage
    ? await renderWithPackage(basePackage, from, options)
    : from === context.version
      ? planProject(options, context.readTemplates())
      : await renderWithPublished(from, options);
  const today = planProject(next, context.readTemplates());
  const current = new Map<string, Buffer>();
  for (const path of new Set([...base.keys(), ...today.keys()])) {
    const file = join(root, path);
    if (existsSync(file)) current.set(path, readFileSync(file));
  }
  const plan = planUpgrade({ base, next: today, current, writtenHashes: manifest?.files });
  if (await hasUncommittedChanges(root)) {
    output.warn('this app has uncommitted changes: commit them first, so `git diff` shows exactly what this run changes.');
  }

  const title =
    command === 'upgrade'
      ? `Upgrade from ${from} to ${context.version}`
      : `${command} ${positionals.join(' ')} (version ${context.version})`;
  output.log(`${output.colors.bold(title)}:`);
  if (plan.changes.length === 0) output.log('  every file is already as today’s templates make it');
  for (const change of plan.changes) {
    const label = LABELS[change.action].padEnd(9);
    const painted =
      change.action === 'conflict' ? output.colors.red(label) : change.action === 'kept' ? output.colors.yellow(label) : label;
    output.log(`  ${painted} ${change.path}${change.note ? output.colors.dim(`  (${change.note})`) : ''}`);
  }
  const newManifest = Buffer.from(serializeAppManifest(appManifest(next, today, context.version)));
  const manifestOnDisk = existsSync(join(root, APP_MANIFEST_PATH)) ? readFileSync(join(root, APP_MANIFEST_PATH)) : undefined;
  if (plan.writes.size === 0 && plan.removes.length === 0 && manifestOnDisk?.equals(newManifest)) {
    output.log('\nNothing to write: the app is up to date.');
    return EXIT_OK;
  }
  if (flags['dry-run']) {
    output.log('\nDry run: nothing was written.');
    return EXIT_OK;
  }
  if (!flags.yes && context.stdinIsTTY && context.stdout.isTTY) {
    const prompts = await context.loadPrompts({ color: output.colorEnabled });
    const { go } = await prompts(
      { type: 'confirm', name: 'go', message: 'Write these changes?', initial: true },
      {
        onCancel: () => {
          throw new CancelledError();
        },
      },
    );
    if (!go) throw new CancelledError();
  }

  const writes = new Map(plan.writes);
  writes.set(APP_MANIFEST_PATH, newManifest);
  const { backupDir } = await writePlan(root, writes, { signal: context.signal, remove: plan.removes });
  removeEmptyFolders(root, plan.removes);
  report(output, plan.changes, backupDir, next);
  return EXIT_OK;
}

/** Only a git work tree with changes says yes; no git, or not a repository, says no. */
async function hasUncommittedChanges(root: string): Promise<boolean> {
  const { execa } = await import('execa');
  const status = await execa('git', ['status', '--porcelain'], { cwd: root, reject: false, stdin: 'ignore' });
  return status.exitCode === 0 && status.stdout.trim() !== '';
}

/** Folders a removal left empty go too, deepest first; one that still holds anything stops the walk. */
function removeEmptyFolders(root: string, removed: readonly string[]) {
  const folders = new Set(
    removed.flatMap((path) =>
      path
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(join(root, folder));
    } catch {
      // not empty (or already gone): kept
    }
  }
}

function report(output: Output, changes: readonly FileChange[], backupDir: string | undefined, options: ProjectOptions) {
  const count = (action: FileChange['action']) => changes.filter((change) => change.action === action).length;
  output.log('');
  output.log(
    output.colors.green(
      `Done: ${count('replaced')} updated, ${count('merged')} merged, ${count('added')} added, ${count('removed')} removed.`,
    ),
  );
  const conflicts = changes.filter((change) => change.action === 'conflict');
  if (conflicts.length > 0) {
    output.log(output.colors.red(`Resolve the conflict markers in: ${conflicts.map((change) => change.path).join(', ')}`));
  }
  const kept = changes.filter((change) => change.action === 'kept');
  if (kept.length > 0)
    output.log(`Kept as you have them (compare with the templates): ${kept.map((change) => change.path).join(', ')}`);
  if (backupDir) output.log(`Replaced and removed files are in ${backupDir} (ignored by git).`);
  const pm = PM_COMMANDS[options.packageManager];
  output.log(`Next: ${pm.install} && ${pm.runScript} typecheck && ${pm.runScript} test`);
}

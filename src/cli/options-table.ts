/**
 * Every option of the CLI, defined once. Commander flags, the questions, validation, --help, the
 * summary, the equivalent command line and docs/CLI.md's table are all derived from this table.
 */
import { PACKAGE_MANAGER_HINTS, PACKAGE_MANAGERS } from '../package-managers.js';
import type { Backend, Framework, PackageManager, TokenStorage } from '../options.js';
import { VARIANTS } from '../variants/registry.js';
import { providesRemoteApi } from '../variants/select.js';
import type { VariantInfo, VariantRegistry } from '../variants/types.js';
import { deriveScheme, validatePackageName, validatePublishableKey, validateScheme } from './validate.js';

/** The answers the questions produce (the directory is handled on its own, before them). */
export interface Answers {
  /** npm package name; by default the folder's name (or the name given instead of an invalid one) */
  name: string;
  framework: Framework;
  backend: Backend;
  tokenStorage: TokenStorage;
  /** Add-on ids, sorted, each once */
  addons: readonly string[];
  packageManager: PackageManager;
  clerkPublishableKey: string | undefined;
  scheme: string;
  install: boolean;
  git: boolean;
}
export type AnswerKey = keyof Answers;

/** What defaults may depend on. */
export interface DefaultsContext {
  projectName: string;
  detectedPackageManager: PackageManager | undefined;
  /** Package managers found on PATH; undefined when not looked up (then every one is offered) */
  installedPackageManagers?: readonly PackageManager[];
}

/** When the question is asked: always, only after "More options?", or never (flag only). */
export type Ask = 'always' | 'advanced' | 'never';

interface BaseSpec<K extends AnswerKey> {
  key: K;
  /** Long flag name without dashes, e.g. "token-storage" */
  flag: string;
  help: string;
  /** How the default is described in --help and docs */
  defaultHelp: string;
  question: string;
  ask: Ask;
  /** Left out of the equivalent command while it has its default (it follows from the directory) */
  impliedByDefault?: true;
  defaultValue: (context: DefaultsContext) => Answers[K];
}

export interface ChoiceSpec<K extends AnswerKey> extends BaseSpec<K> {
  kind: 'choice';
  /** `hint`: one line shown under the highlighted choice */
  choices: readonly { value: Answers[K] & string; label: string; hint: string }[];
}

export interface TextSpec<K extends AnswerKey> extends BaseSpec<K> {
  kind: 'text';
  /** Placeholder in the flag's help, e.g. "<key>" */
  valueName: string;
  /** Optional answers may stay undefined; an empty answer to the question means "not now". */
  optional: boolean;
  validate: (value: string) => string | undefined;
}

export interface BooleanSpec<K extends AnswerKey> extends BaseSpec<K> {
  kind: 'boolean';
}

/** Any number of choices: a comma-separated flag value (also repeatable) and a multi-select question. */
export interface MultiChoiceSpec<K extends AnswerKey> extends BaseSpec<K> {
  kind: 'multichoice';
  /** Placeholder in the flag's help, e.g. "<add-on,...>" */
  valueName: string;
  /** What one choice is called in messages, e.g. "add-on" */
  itemName: string;
  choices: readonly { value: string; label: string; hint: string }[];
  /** Why a choice cannot go with the other answers (not offered, refused as a flag), or undefined */
  conflict: (value: string, answers: Partial<Answers>) => string | undefined;
}

export type OptionSpec = {
  [K in AnswerKey]: ChoiceSpec<K> | TextSpec<K> | BooleanSpec<K> | MultiChoiceSpec<K>;
}[AnswerKey];

/** The one that ran the CLI if it is installed, else npm if installed, else the first installed one. */
function defaultPackageManager({ detectedPackageManager, installedPackageManagers }: DefaultsContext): PackageManager {
  const installed = installedPackageManagers;
  if (detectedPackageManager && (!installed || installed.includes(detectedPackageManager))) return detectedPackageManager;
  if (!installed || installed.includes('npm') || installed.length === 0) return 'npm';
  return installed[0]!;
}

type Choices<K extends 'framework' | 'backend' | 'tokenStorage'> = ChoiceSpec<K>['choices'];

/** A registry's variants as a question's choices (the registry's ids are the flag's values). */
function choicesOf<K extends 'framework' | 'backend' | 'tokenStorage'>(variants: readonly VariantInfo[]): Choices<K> {
  return variants.map(({ id, label, hint }) => ({ value: id, label, hint })) as unknown as Choices<K>;
}

/** A choice among variants: values, labels and hints from the registry, the first one the default. */
function variantChoice<K extends 'framework' | 'backend' | 'tokenStorage'>(
  key: K,
  flag: string,
  variants: readonly VariantInfo[],
  text: { help: string; question: string },
): ChoiceSpec<K> {
  const first = firstOf<K>(variants);
  return {
    key,
    kind: 'choice',
    flag,
    ...text,
    defaultHelp: first,
    ask: 'always',
    choices: choicesOf<K>(variants),
    defaultValue: () => first,
  };
}

/** The first variant of each kind is the default. */
function firstOf<K extends 'framework' | 'backend' | 'tokenStorage'>(variants: readonly VariantInfo[]): Answers[K] {
  return variants[0]!.id as Answers[K];
}

/** The add-ons: any number, none by default; one that needs a backend only with a backend that has one. */
function addonChoice(registry: VariantRegistry): MultiChoiceSpec<'addons'> {
  const withRemoteApi = registry.backends.filter(providesRemoteApi).map((backend) => `--backend ${backend.id}`);
  return {
    key: 'addons',
    kind: 'multichoice',
    flag: 'with',
    valueName: '<add-on,...>',
    itemName: 'add-on',
    help: `opt-in add-ons, comma-separated: ${registry.addons.map((addon) => addon.id).join(', ')}`,
    defaultHelp: 'none',
    question: 'Add-ons (none is fine)',
    ask: 'always',
    choices: registry.addons.map(({ id, label, hint }) => ({ value: id, label, hint })),
    conflict: (id, answers) => {
      const addon = registry.addons.find((candidate) => candidate.id === id);
      const backend = registry.backends.find((candidate) => candidate.id === answers.backend);
      if (!addon?.requiresBackend || !backend || providesRemoteApi(backend)) return undefined;
      return `the add-on "${id}" needs a backend and --backend ${backend.id} has none: choose ${withRemoteApi.join(' or ')}, or leave ${id} out`;
    },
    defaultValue: () => [],
  };
}

/**
 * The table for a set of variants: the framework, backend and token-storage choices (values,
 * labels, hints, defaults) come from the registry; OPTION_TABLE is the built-in one.
 */
export function optionTable(registry: VariantRegistry = VARIANTS): readonly OptionSpec[] {
  return [
    {
      key: 'name',
      kind: 'text',
      flag: 'name',
      valueName: '<package-name>',
      optional: false,
      ask: 'never',
      impliedByDefault: true,
      help: "package name when the folder's name is not a valid one",
      defaultHelp: "the folder's name",
      question: 'Package name',
      validate: validatePackageName,
      defaultValue: ({ projectName }) => projectName,
    } satisfies TextSpec<'name'>,
    variantChoice('framework', 'framework', registry.frameworks, { help: 'renderer UI', question: 'Renderer UI framework' }),
    variantChoice('backend', 'backend', registry.backends, {
      help: "remote API that main calls with the user's token",
      question: 'Backend that verifies the Clerk token',
    }),
    variantChoice('tokenStorage', 'token-storage', registry.tokenStorages, {
      help: "where main keeps Clerk's long-lived client token",
      question: "Where should main keep Clerk's long-lived client token?",
    }),
    addonChoice(registry),
    {
      key: 'packageManager',
      kind: 'choice',
      flag: 'package-manager',
      help: 'package manager for install and the next steps',
      defaultHelp: 'the one that ran the CLI, else npm; must be installed unless --no-install',
      question: 'Package manager',
      // Asked only when more than one is installed (see questions.ts).
      ask: 'always',
      choices: PACKAGE_MANAGERS.map((value) => ({ value, label: value, hint: PACKAGE_MANAGER_HINTS[value] })),
      defaultValue: defaultPackageManager,
    } satisfies ChoiceSpec<'packageManager'>,
    {
      key: 'clerkPublishableKey',
      kind: 'text',
      flag: 'clerk-publishable-key',
      valueName: '<key>',
      optional: true,
      help: 'Clerk publishable key (pk_test_… or pk_live_…), written to .env',
      defaultHelp: 'none: set it in .env later',
      question: 'Clerk publishable key, from the Clerk dashboard → API keys (Enter to set it later in .env)',
      ask: 'always',
      validate: validatePublishableKey,
      defaultValue: () => undefined,
    } satisfies TextSpec<'clerkPublishableKey'>,
    {
      key: 'scheme',
      kind: 'text',
      flag: 'scheme',
      valueName: '<name>',
      optional: false,
      help: 'custom URL scheme of the packaged renderer and of OAuth deep links',
      defaultHelp: 'the app id, e.g. com.example.myapp',
      question: 'Custom URL scheme (packaged renderer origin is <scheme>://renderer)',
      ask: 'advanced',
      validate: validateScheme,
      defaultValue: ({ projectName }) => deriveScheme(projectName),
    } satisfies TextSpec<'scheme'>,
    {
      key: 'install',
      kind: 'boolean',
      flag: 'install',
      help: 'install dependencies',
      defaultHelp: 'install',
      question: 'Install dependencies now?',
      ask: 'advanced',
      defaultValue: () => true,
    } satisfies BooleanSpec<'install'>,
    {
      key: 'git',
      kind: 'boolean',
      flag: 'git',
      help: 'git init and a first commit',
      defaultHelp: 'git',
      question: 'Initialise a git repository with a first commit?',
      ask: 'advanced',
      defaultValue: () => true,
    } satisfies BooleanSpec<'git'>,
  ];
}

export const OPTION_TABLE: readonly OptionSpec[] = optionTable(VARIANTS);

/** Flags that steer the run rather than describe the project; not asked, not in the summary. */
export interface RunFlags {
  force: boolean;
  dryRun: boolean;
  yes: boolean;
  /** undefined: decide from the terminal and CI */
  interactive: boolean | undefined;
}

export const RUN_FLAG_TABLE = [
  {
    key: 'force',
    flags: '--force',
    help: 'allow a non-empty directory (never deletes a file: replaced files go to a backup folder inside it, your .env values are kept)',
  },
  { key: 'dryRun', flags: '--dry-run', help: 'print the files that would be written, with sizes; write nothing' },
  { key: 'yes', flags: '-y, --yes', help: 'take the default for every question not answered by a flag' },
  {
    key: 'interactive',
    flags: '--interactive, --no-interactive',
    help: 'ask questions (default: only when stdin and stdout are terminals and CI is not set)',
  },
] as const;

/** Rows of the flags table in --help order: [flag column, description column]. */
export function flagRows(table: readonly OptionSpec[] = OPTION_TABLE): [string, string][] {
  const rows: [string, string][] = [
    ['[directory]', 'where to create the app; "." for the current directory (default: my-electron-app)'],
  ];
  for (const spec of table) {
    if (spec.kind === 'choice') {
      rows.push([
        `--${spec.flag} <${spec.choices.map((c) => c.value).join('|')}>`,
        `${spec.help} (default: ${spec.defaultHelp})`,
      ]);
    } else if (spec.kind === 'text' || spec.kind === 'multichoice') {
      rows.push([`--${spec.flag} ${spec.valueName}`, `${spec.help} (default: ${spec.defaultHelp})`]);
    } else {
      rows.push([`--${spec.flag}, --no-${spec.flag}`, `${spec.help} (default: ${spec.defaultHelp})`]);
    }
  }
  for (const flag of RUN_FLAG_TABLE) rows.push([flag.flags, flag.help]);
  rows.push(['-V, --version', 'print the version']);
  rows.push(['-h, --help', 'print this help']);
  return rows;
}

export const DEFAULT_DIRECTORY = 'my-electron-app';

/** Ids a multi-choice option does not offer, as a message listing the ones it does; undefined when all are known. */
export function unknownChoices(
  spec: Pick<MultiChoiceSpec<AnswerKey>, 'choices' | 'itemName'>,
  values: readonly string[],
): string | undefined {
  const allowed = spec.choices.map((choice) => choice.value);
  const unknown = values.filter((value) => !allowed.includes(value));
  if (unknown.length === 0) return undefined;
  const named = unknown.map((value) => `"${value}"`).join(', ');
  return `unknown ${spec.itemName}${unknown.length > 1 ? 's' : ''} ${named}; the ${spec.itemName}s are: ${allowed.join(', ') || 'none'}`;
}

/**
 * Validates a value given for an option; the message names the flag and what is allowed.
 * `answers`: the other answers, for choices that depend on them (an add-on that needs a backend).
 */
export function validateAnswer(spec: OptionSpec, value: unknown, answers: Partial<Answers> = {}): string | undefined {
  if (spec.kind === 'multichoice') {
    const values = value as readonly string[];
    const problem = unknownChoices(spec, values) ?? values.map((item) => spec.conflict(item, answers)).find(Boolean);
    return problem === undefined ? undefined : `--${spec.flag}: ${problem}`;
  }
  if (spec.kind === 'choice') {
    const allowed = spec.choices.map((choice) => choice.value as string);
    if (!allowed.includes(value as string)) {
      return `--${spec.flag} must be one of ${allowed.join(', ')} (got "${String(value)}")`;
    }
    return undefined;
  }
  if (spec.kind === 'text') {
    const problem = spec.validate(String(value));
    return problem === undefined ? undefined : `--${spec.flag}: ${problem}`;
  }
  return undefined;
}

/**
 * The interactive questions, derived from the option table. `prompts` is passed in so tests can
 * drive it with `prompts.inject` and the bundle loads it only for interactive runs.
 */
import type prompts from 'prompts';
import { CancelledError } from '../core/errors.js';
import { OPTION_TABLE, type AnswerKey, type Answers, type DefaultsContext, type OptionSpec } from './options-table.js';
import { validatePackageName } from './validate.js';

export type Prompts = typeof prompts;

/**
 * prompts redraws a question by counting lines; an error message that wraps breaks the redraw,
 * so messages are cut to one terminal line.
 */
export function fitOneLine(message: string, columns = process.stdout.columns || 80): string {
  const room = Math.max(columns - 4, 20);
  return message.length <= room ? message : `${message.slice(0, room - 1)}…`;
}

function check(problem: string | undefined): string | true {
  return problem === undefined ? true : fitOneLine(problem);
}

async function ask<T>(promptsFn: Prompts, question: prompts.PromptObject): Promise<T> {
  const result = await promptsFn(question, {
    onCancel: () => {
      throw new CancelledError();
    },
  });
  return result[question.name as string] as T;
}

/** prompts takes keys such as Ctrl+U as typed text; they never belong in a folder name. */
export function withoutControlCharacters(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

export function askDirectory(promptsFn: Prompts, initial: string): Promise<string> {
  return ask<string>(promptsFn, {
    type: 'text',
    name: 'directory',
    message: 'Where should the app be created?',
    initial,
    validate: (value: string) => (withoutControlCharacters(value) === '' ? 'Type a directory name, or "." for this one' : true),
    format: withoutControlCharacters,
  });
}

export function askPackageName(promptsFn: Prompts, invalid: string, suggestion: string, problem: string): Promise<string> {
  return ask<string>(promptsFn, {
    type: 'text',
    name: 'packageName',
    message: `"${invalid}" is not a valid npm package name (${problem}). Package name`,
    initial: suggestion,
    validate: (value: string) => check(validatePackageName(value)),
  });
}

export async function confirmNonEmptyDirectory(
  promptsFn: Prompts,
  directory: string,
  entries: readonly string[],
): Promise<boolean> {
  const shown = entries.slice(0, 8).join(', ') + (entries.length > 8 ? `, … (${entries.length} in all)` : '');
  return ask<boolean>(promptsFn, {
    type: 'confirm',
    name: 'overwrite',
    message: fitOneLine(
      `Write into ${directory} anyway? Replaced files get a backup; "no" asks for another folder. It has: ${shown}`,
    ),
    initial: false,
  });
}

/** The choices of a multi-choice question that go with the answers so far. */
function offeredChoices(spec: OptionSpec, sofar: Partial<Answers>) {
  return spec.kind === 'multichoice' ? spec.choices.filter((choice) => spec.conflict(choice.value, sofar) === undefined) : [];
}

function questionFor(
  spec: OptionSpec,
  initial: unknown,
  context: DefaultsContext,
  sofar: Partial<Answers>,
): prompts.PromptObject {
  switch (spec.kind) {
    case 'multichoice':
      return {
        type: 'multiselect',
        name: spec.key,
        message: spec.question,
        instructions: false,
        hint: 'Space to pick, Enter to go on',
        choices: offeredChoices(spec, sofar).map((choice) => ({
          title: choice.label,
          value: choice.value,
          description: choice.hint,
          selected: (initial as readonly string[]).includes(choice.value),
        })),
      };
    case 'choice': {
      const offered = spec.choices.filter(
        (choice) =>
          spec.key !== 'packageManager' ||
          !context.installedPackageManagers?.length ||
          context.installedPackageManagers.includes(choice.value as never),
      );
      const index = offered.findIndex((choice) => choice.value === initial);
      return {
        type: 'select',
        name: spec.key,
        message: spec.question,
        choices: offered.map((choice) => ({ title: choice.label, value: choice.value, description: choice.hint })),
        initial: Math.max(index, 0),
      };
    }
    case 'text':
      return {
        type: 'text',
        name: spec.key,
        message: spec.question,
        initial: typeof initial === 'string' ? initial : '',
        validate: (value: string) => {
          if (spec.optional && value.trim() === '') return true;
          return check(spec.validate(value.trim()));
        },
        format: (value: string) => (spec.optional && value.trim() === '' ? undefined : value.trim()),
      };
    case 'boolean':
      return { type: 'confirm', name: spec.key, message: spec.question, initial: initial === true };
  }
}

/** Whether the question is worth asking: a package manager only when there is a choice, add-ons when one goes. */
function worthAsking(spec: OptionSpec, context: DefaultsContext, sofar: Partial<Answers>): boolean {
  if (spec.kind === 'multichoice') return offeredChoices(spec, sofar).length > 0;
  if (spec.key !== 'packageManager') return true;
  return context.installedPackageManagers === undefined || context.installedPackageManagers.length > 1;
}

/**
 * Asks the questions whose answers were not given as flags, in table order: the everyday ones,
 * then one "More options?" that leads to the advanced ones (default: no, keep their defaults).
 */
export async function askMissingAnswers(
  promptsFn: Prompts,
  given: Partial<Answers>,
  context: DefaultsContext,
  table: readonly OptionSpec[] = OPTION_TABLE,
): Promise<Partial<Answers>> {
  const answers: Partial<Record<AnswerKey, unknown>> = {};
  const sofar = () => ({ ...given, ...answers }) as Partial<Answers>;
  const missing = table.filter((spec) => given[spec.key] === undefined);
  for (const spec of missing.filter((s) => s.ask === 'always')) {
    if (!worthAsking(spec, context, sofar())) continue;
    answers[spec.key] = await ask(promptsFn, questionFor(spec, spec.defaultValue(context), context, sofar()));
  }
  const advanced = missing.filter((s) => s.ask === 'advanced' && worthAsking(s, context, sofar()));
  if (advanced.length === 0) return answers as Partial<Answers>;
  const more = await ask<boolean>(promptsFn, {
    type: 'confirm',
    name: 'more',
    message: `More options? (${advanced.map((s) => s.flag).join(', ')}; default: keep the defaults)`,
    initial: false,
  });
  if (!more) return answers as Partial<Answers>;
  for (const spec of advanced) {
    answers[spec.key] = await ask(promptsFn, questionFor(spec, spec.defaultValue(context), context, sofar()));
  }
  return answers as Partial<Answers>;
}

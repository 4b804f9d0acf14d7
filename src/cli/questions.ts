/**
 * The interactive questions, derived from the option table. `prompts` is passed in so tests can
 * drive it with `prompts.inject` and the bundle loads it only for interactive runs.
 */
import type prompts from 'prompts';
import { CancelledError } from './errors.js';
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

export function askDirectory(promptsFn: Prompts, initial: string): Promise<string> {
  return ask<string>(promptsFn, {
    type: 'text',
    name: 'directory',
    message: 'Where should the app be created?',
    initial,
    validate: (value: string) => (value.trim() === '' ? 'Type a directory name, or "." for this one' : true),
    format: (value: string) => value.trim(),
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

export async function confirmNonEmptyDirectory(promptsFn: Prompts, directory: string, entries: readonly string[]): Promise<boolean> {
  const shown = entries.slice(0, 8).join(', ') + (entries.length > 8 ? `, … (${entries.length} in all)` : '');
  return ask<boolean>(promptsFn, {
    type: 'confirm',
    name: 'overwrite',
    message: `${directory} is not empty (${shown}). Write the app's files into it? Files with the same path are replaced; nothing is deleted`,
    initial: false,
  });
}

function questionFor(spec: OptionSpec, initial: unknown): prompts.PromptObject {
  switch (spec.kind) {
    case 'choice': {
      const index = spec.choices.findIndex((choice) => choice.value === initial);
      return {
        type: 'select',
        name: spec.key,
        message: spec.question,
        choices: spec.choices.map((choice) => ({ title: choice.label, value: choice.value })),
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

/** Asks every question whose answer was not given as a flag, in table order. */
export async function askMissingAnswers(
  promptsFn: Prompts,
  given: Partial<Answers>,
  context: DefaultsContext,
): Promise<Partial<Answers>> {
  const answers: Partial<Record<AnswerKey, unknown>> = {};
  for (const spec of OPTION_TABLE) {
    if (given[spec.key] !== undefined) continue;
    answers[spec.key] = await ask(promptsFn, questionFor(spec, spec.defaultValue(context)));
  }
  return answers as Partial<Answers>;
}

/** Pure: given answers + defaults → the complete answers and the planner's ProjectOptions. */
import type { ProjectOptions } from '../options.js';
import { normalizeAddonIds } from '../variants/select.js';
import {
  OPTION_TABLE,
  validateAnswer,
  type AnswerKey,
  type Answers,
  type DefaultsContext,
  type OptionSpec,
} from './options-table.js';
import { UsageError } from '../core/errors.js';

/**
 * Fills every answer that is still missing with its default, then validates all of them, in table
 * order (an answer that depends on another, such as an add-on on the backend, comes after it).
 */
export function completeAnswers(
  partial: Partial<Answers>,
  context: DefaultsContext,
  table: readonly OptionSpec[] = OPTION_TABLE,
): Answers {
  const answers: Partial<Record<AnswerKey, unknown>> = {};
  for (const spec of table) {
    let value = partial[spec.key] !== undefined ? partial[spec.key] : spec.defaultValue(context);
    if (spec.kind === 'multichoice') value = normalizeAddonIds(value as readonly string[]);
    if (value !== undefined) {
      const problem = validateAnswer(spec, value, answers as Partial<Answers>);
      if (problem !== undefined) throw new UsageError(problem);
    }
    answers[spec.key] = value;
  }
  return answers as Answers;
}

export function toProjectOptions(projectName: string, answers: Answers): ProjectOptions {
  return {
    projectName,
    framework: answers.framework,
    backend: answers.backend,
    tokenStorage: answers.tokenStorage,
    addons: normalizeAddonIds(answers.addons),
    packageManager: answers.packageManager,
    scheme: answers.scheme,
    ...(answers.clerkPublishableKey ? { clerkPublishableKey: answers.clerkPublishableKey } : {}),
  };
}

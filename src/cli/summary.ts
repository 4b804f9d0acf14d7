/** What the run will do, in words and as a command line; both derived from the option table. */
import { OPTION_TABLE, type Answers, type DefaultsContext } from './options-table.js';
import type { Colors } from '../core/output.js';
import type { Shell } from '../core/shell.js';

function displayValue(value: unknown): string {
  if (value === undefined) return 'not set';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  return String(value);
}

export function summaryLines(answers: Answers, colors: Colors): string[] {
  const width = Math.max(...OPTION_TABLE.map((spec) => spec.flag.length));
  return OPTION_TABLE.map((spec) => `  ${spec.flag.padEnd(width)}  ${colors.cyan(displayValue(answers[spec.key]))}`);
}

export interface CommandSettings {
  /** How to start this CLI again, e.g. `node bin/create-electron-clerk-trpc.js` (see invocation.ts) */
  prefix: string;
  force: boolean;
  /** For options left out while they have their default */
  defaults: DefaultsContext;
  /** How to quote for the shell that started us */
  shell: Shell;
}

/** The command that reproduces this run without questions, for CI. */
export function equivalentCommand(
  directory: string,
  answers: Answers,
  { prefix, force, defaults, shell }: CommandSettings,
): string {
  const parts = [prefix, shell.quote(directory)];
  for (const spec of OPTION_TABLE) {
    const value = answers[spec.key];
    if (spec.impliedByDefault && value === spec.defaultValue(defaults)) continue;
    if (spec.kind === 'boolean') parts.push(value ? `--${spec.flag}` : `--no-${spec.flag}`);
    else if (spec.kind === 'multichoice') {
      const values = value as readonly string[];
      if (values.length > 0) parts.push(`--${spec.flag}`, shell.quote(values.join(',')));
    } else if (value !== undefined) parts.push(`--${spec.flag}`, shell.quote(String(value)));
  }
  if (force) parts.push('--force');
  parts.push('--no-interactive');
  return parts.join(' ');
}

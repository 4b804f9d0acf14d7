/** argv → what the user gave, via commander; flags and --help derived from the option table. */
import { Command, InvalidArgumentError, Option, CommanderError } from 'commander';
import { EXIT_OK, UsageError } from '../core/errors.js';
import { normalizeAddonIds } from '../variants/select.js';
import { OPTION_TABLE, RUN_FLAG_TABLE, unknownChoices, type Answers, type RunFlags } from './options-table.js';

export interface ParsedArgs {
  directory: string | undefined;
  /** Only the answers given as flags */
  given: Partial<Answers>;
  run: RunFlags;
}

/** --help or --version was printed; the caller exits with this code. */
export class HelpShown extends Error {
  constructor(readonly exitCode: number) {
    super('help shown');
  }
}

/** `prefix`: how this CLI was started (invocation.ts), so the examples run as printed. */
function helpFooter(prefix: string, docsPath: string | undefined): string {
  return `
Examples:
  $ ${prefix} my-app
  $ ${prefix} my-app --framework react --backend node --no-interactive
  $ ${prefix} . --force --dry-run

Inside an app (--help on each for more):
  $ ${prefix} upgrade [--from <version>] [--dry-run]   today's templates, merged with your edits
  $ ${prefix} add <add-on> | add backend <cloudflare|node>

Exit codes: 0 success, 1 bad input or refused (the message says how to fix it), 130 cancelled.
Docs: ${docsPath ?? 'docs/CLI.md in the package'}`;
}

export interface HelpSettings {
  /** How this CLI was started, e.g. `node bin/create-electron-clerk-trpc.js` */
  prefix?: string;
  /** Absolute path of the shipped docs/CLI.md */
  docsPath?: string;
}

function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export function buildProgram(
  version: string,
  write: { out: (s: string) => void; err: (s: string) => void },
  help: HelpSettings = {},
): Command {
  const program = new Command('create-electron-clerk-trpc')
    .description('Scaffold an Electron app with Clerk sign-in and tRPC v11 over IPC, the session token on every call.')
    .argument('[directory]', 'where to create the app; "." for the current directory (default: my-electron-app)')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: write.out, writeErr: write.err, outputError: () => {} })
    .configureHelp({ optionDescription: (option) => option.description, sortOptions: false })
    .addHelpText('after', helpFooter(help.prefix ?? 'npx create-electron-clerk-trpc', help.docsPath));

  for (const spec of OPTION_TABLE) {
    const describe = `${spec.help} (default: ${spec.defaultHelp})`;
    if (spec.kind === 'choice') {
      const values = spec.choices.map((c) => c.value);
      program.addOption(new Option(`--${spec.flag} <${values.join('|')}>`, describe).choices(values));
    } else if (spec.kind === 'text') {
      program.addOption(
        new Option(`--${spec.flag} ${spec.valueName}`, describe).argParser((given: string) => {
          // Trimmed like an answer to the question: a value pasted with spaces around it is the same value.
          const value = given.trim();
          const problem = spec.validate(value);
          if (problem !== undefined) throw new InvalidArgumentError(problem);
          return value;
        }),
      );
    } else if (spec.kind === 'multichoice') {
      // `--with a,b` and `--with a --with b` add up.
      program.addOption(
        new Option(`--${spec.flag} ${spec.valueName}`, describe).argParser((value: string, previous: string[] | undefined) => {
          const values = normalizeAddonIds([...(previous ?? []), ...value.split(',')]);
          const problem = unknownChoices(spec, values);
          if (problem !== undefined) throw new InvalidArgumentError(problem);
          return values;
        }),
      );
    } else {
      program.addOption(new Option(`--${spec.flag}`, `${spec.help}; --no-${spec.flag} to skip (default: ${spec.defaultHelp})`));
      program.addOption(new Option(`--no-${spec.flag}`).hideHelp());
    }
  }
  for (const flag of RUN_FLAG_TABLE) {
    if (flag.key === 'interactive') {
      program.addOption(new Option('--interactive', `${flag.help}; --no-interactive never asks`));
      program.addOption(new Option('--no-interactive').hideHelp());
    } else {
      program.addOption(new Option(flag.flags, flag.help));
    }
  }
  return program;
}

/** Commander's message ("error: unknown option '--framwork'\n(Did you mean --framework?)") without the prefix. */
function usageMessage(error: CommanderError): string {
  return error.message.replace(/^error: /, '');
}

export function parseArgs(
  argv: readonly string[],
  version: string,
  write: { out: (s: string) => void; err: (s: string) => void },
  help: HelpSettings = {},
): ParsedArgs {
  const program = buildProgram(version, write, help);
  try {
    program.parse(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        throw new HelpShown(EXIT_OK);
      }
      let message = usageMessage(error);
      if (error.code === 'commander.excessArguments') {
        message += '\nGive one directory; quote it if it contains spaces.';
      }
      throw new UsageError(`${message}\nRun with --help to see every option.`);
    }
    throw error;
  }
  const values = program.opts<Record<string, unknown>>();
  const given: Partial<Record<keyof Answers, unknown>> = {};
  for (const spec of OPTION_TABLE) {
    const value = values[camelCase(spec.flag)];
    if (value !== undefined) given[spec.key] = value;
  }
  return {
    directory: program.args[0],
    given: given as Partial<Answers>,
    run: {
      force: values.force === true,
      dryRun: values.dryRun === true,
      yes: values.yes === true,
      interactive: values.interactive as boolean | undefined,
    },
  };
}

import { UsageError } from '../core/errors.js';

export interface Terminal {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** The CI environment variable is set (to anything but "" / "false" / "0") */
  ci: boolean;
}

export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Whether to ask questions. `--interactive` forces questions (and needs a terminal to ask on),
 * `--no-interactive` forbids them; otherwise only when both ends are terminals and CI is unset.
 */
export function resolveInteractive(flag: boolean | undefined, yes: boolean, terminal: Terminal): boolean {
  if (flag === true && yes) {
    throw new UsageError(
      '--interactive and --yes contradict each other: --yes answers every question with its default. Pass one of them.',
    );
  }
  if (flag === true && !(terminal.stdinIsTTY && terminal.stdoutIsTTY)) {
    throw new UsageError(
      '--interactive needs a terminal on stdin and stdout to ask questions. Pass the answers as flags with --no-interactive instead.',
    );
  }
  if (flag !== undefined) return flag;
  return terminal.stdinIsTTY && terminal.stdoutIsTTY && !terminal.ci;
}

import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Colour on a terminal, unless NO_COLOR is set to anything but "" (https://no-color.org), which
 * wins over everything; FORCE_COLOR (anything but "0" / "false") turns it on off a terminal too.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export interface Output {
  colors: Colors;
  /** Whether colours are on (the prompts library is told the same) */
  colorEnabled: boolean;
  /** Whether stdout is a terminal (spinners, cursor codes) */
  isTTY: boolean;
  log(line?: string): void;
  warn(line: string): void;
  error(line: string): void;
  /** Raw write to stdout (no newline added) */
  write(text: string): void;
}

export function createOutput(
  stdout: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean },
  stderr: { write(s: string): unknown },
  env: NodeJS.ProcessEnv,
): Output {
  const enabled = colorEnabled(stdout, env);
  const colors = pc.createColors(enabled);
  return {
    colors,
    colorEnabled: enabled,
    isTTY: stdout.isTTY === true && env.TERM !== 'dumb',
    log: (line = '') => void stdout.write(`${line}\n`),
    warn: (line) => void stderr.write(`${colors.yellow('warning')} ${line}\n`),
    error: (line) => void stderr.write(`${colors.red('error')} ${line}\n`),
    write: (text) => void stdout.write(text),
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

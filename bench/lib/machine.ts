import { cpus, release, totalmem, type } from 'node:os';
import { availableParallelism } from 'node:os';
import { run } from './processes.js';

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  /** Node that ran the scaffolders, when it is not the one running the bench */
  cliNode?: string;
  node22?: string;
  npm: string;
}

/** The filesystem type of `path` (df), or "unknown" where df cannot tell. */
export function filesystemOf(path: string): string {
  try {
    return run({ command: 'df', args: ['--output=fstype', path], cwd: process.cwd() })
      .trim()
      .split('\n')
      .pop()!
      .trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine(node22Binary: string | undefined): Machine {
  const version = (command: string) => run({ command, args: ['--version'], cwd: process.cwd() }).trim();
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memory: `${Math.round(totalmem() / 1024 ** 3)} GB`,
    os: `${type()} ${release()}`,
    node: process.version,
    node22: node22Binary ? version(node22Binary) : undefined,
    npm: version('npm'),
  };
}

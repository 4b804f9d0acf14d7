import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface Command {
  command: string;
  args: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs a command to completion and fails loudly, with its output, if it does not exit with 0. */
export function run(cmd: Command, options: SpawnSyncOptions = {}): string {
  const result = spawnSync(cmd.command, cmd.args, {
    cwd: cmd.cwd,
    env: cmd.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...options,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `\`${cmd.command} ${cmd.args.join(' ')}\` in ${cmd.cwd} exited with ${result.status ?? result.signal}\n` +
        `${String(result.stdout ?? '')}${String(result.stderr ?? '')}`,
    );
  }
  return String(result.stdout ?? '');
}

/** Wall time in ms from spawning the process to its exit (what a user waits for). */
export function timeRun(cmd: Command): number {
  const start = performance.now();
  run(cmd);
  return performance.now() - start;
}

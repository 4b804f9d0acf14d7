import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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

export const CPU_REPORTER = join(import.meta.dirname, 'cpu-reporter.cjs');

/**
 * Wall time, and the CPU time the process reports for itself through bench/lib/cpu-reporter.cjs
 * (the command must be `node --require <CPU_REPORTER> …`).
 */
export function timeNodeRun(cmd: Command, cpuFile: string): { wallMs: number; cpuMs: number } {
  rmSync(cpuFile, { force: true });
  const wallMs = timeRun({ ...cmd, env: { ...(cmd.env ?? process.env), BENCH_CPU_FILE: cpuFile } });
  const cpuMs = Number(readFileSync(cpuFile, 'utf8'));
  if (!Number.isFinite(cpuMs)) throw new Error(`no CPU time reported by ${cmd.args.join(' ')}`);
  return { wallMs, cpuMs };
}

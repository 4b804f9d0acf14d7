import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CPU_REPORTER, timeNodeRun, type Command } from './processes.js';

export interface Contestant {
  label: string;
  /** Node runs this script with these arguments; `dir` is a fresh directory name under `cwd`. */
  script: (dir: string) => string[];
}

/** The command a contestant runs, with the CPU reporter loaded. */
export function contestantCommand(
  contestant: Contestant,
  dir: string,
  cwd: string,
  options: { node?: string; withCpuReporter?: boolean } = {},
): Command {
  const preload = (options.withCpuReporter ?? true) ? ['--require', CPU_REPORTER] : [];
  return { command: options.node ?? process.execPath, args: [...preload, ...contestant.script(dir)], cwd, env: scaffoldEnv() };
}

export interface TimingResult {
  label: string;
  /** Wall times in ms, in run order (warm-up excluded). */
  runs: number[];
  /** CPU times (user + system) in ms, same order. */
  cpu: number[];
}

/** Env for the scaffolders: no CI/TTY-dependent surprises, no colour codes, no update checks. */
export function scaffoldEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' };
  delete env.npm_config_user_agent; // so every tool sees the same "invoked by nothing in particular"
  // Node parses every certificate of NODE_EXTRA_CA_CERTS at start-up (~40 ms under Node 20 with a
  // system bundle), which none of the scaffolders needs: set on some machines (this one), it would
  // add the same constant to every run and pull the ratios towards 1.
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/**
 * Runs every contestant `runs` times, interleaved (A B C A B C ...), after `warmups` rounds that
 * are discarded. Each run scaffolds into a directory that did not exist before.
 */
export function timeInterleaved(
  contestants: readonly Contestant[],
  options: { runs: number; warmups: number; workDir: string; node?: string; keepAfter?: boolean },
): TimingResult[] {
  rmSync(options.workDir, { recursive: true, force: true });
  mkdirSync(options.workDir, { recursive: true });
  const results: TimingResult[] = contestants.map((c) => ({ label: c.label, runs: [], cpu: [] }));
  const cpuFile = join(options.workDir, 'cpu.txt');
  let counter = 0;
  try {
    for (let round = 0; round < options.warmups + options.runs; round++) {
      contestants.forEach((contestant, index) => {
        const dir = `app-${++counter}`;
        const { wallMs, cpuMs } = timeNodeRun(
          contestantCommand(contestant, dir, options.workDir, { node: options.node }),
          cpuFile,
        );
        if (round >= options.warmups) {
          results[index]!.runs.push(wallMs);
          results[index]!.cpu.push(cpuMs);
        }
      });
    }
  } finally {
    if (!options.keepAfter) rmSync(options.workDir, { recursive: true, force: true });
  }
  return results;
}

import { mkdirSync, rmSync } from 'node:fs';
import { timeRun, type Command } from './processes.js';

export interface Contestant {
  label: string;
  /** The command that scaffolds into `dir` (a fresh, relative directory name under `cwd`). */
  command: (dir: string, cwd: string) => Command;
}

export interface TimingResult {
  label: string;
  /** Wall times in ms, in run order (warm-up excluded). */
  runs: number[];
}

/** Env for the scaffolders: no CI/TTY-dependent surprises, no colour codes, no update checks. */
export function scaffoldEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' };
  delete env.npm_config_user_agent; // so every tool sees the same "invoked by nothing in particular"
  return env;
}

/**
 * Runs every contestant `runs` times, interleaved (A B C A B C ...), after `warmups` rounds that
 * are discarded. Each run scaffolds into a directory that did not exist before.
 */
export function timeInterleaved(
  contestants: readonly Contestant[],
  options: { runs: number; warmups: number; workDir: string },
): TimingResult[] {
  rmSync(options.workDir, { recursive: true, force: true });
  mkdirSync(options.workDir, { recursive: true });
  const results = contestants.map((c) => ({ label: c.label, runs: [] as number[] }));
  let counter = 0;
  try {
    for (let round = 0; round < options.warmups + options.runs; round++) {
      contestants.forEach((contestant, index) => {
        const dir = `app-${++counter}`;
        const ms = timeRun(contestant.command(dir, options.workDir));
        if (round >= options.warmups) results[index]!.runs.push(ms);
      });
    }
  } finally {
    rmSync(options.workDir, { recursive: true, force: true });
  }
  return results;
}

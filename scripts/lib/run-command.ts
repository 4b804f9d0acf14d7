/** Runs one command of a generated app, keeps its output in a log file, and times it. */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface CommandResult {
  command: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  /** The last part of stdout + stderr, for failure messages */
  tail: string;
  logFile: string;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  timeoutMs: number;
}

const TAIL_CHARS = 6000;

export function runCommand(file: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  const command = [file, ...args].join(' ');
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  log.write(`$ ${command}\n  (cwd ${options.cwd})\n\n`);
  const started = performance.now();
  let tail = '';
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const collect = (chunk: Buffer) => {
      log.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    // A hung command must not hang the harness: kill its whole process group.
    const timer = setTimeout(() => {
      tail += `\n[harness] timed out after ${options.timeoutMs} ms; killed`;
      killGroup(child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      log.end();
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      log.end(`\n[harness] exit ${exitCode ?? signal} after ${ms} ms\n`);
      resolve({ command, exitCode, signal, ms, tail, logFile: options.logFile });
    });
  });
}

export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export function describeFailure(result: CommandResult): string {
  return `\`${result.command}\` exited with ${result.exitCode ?? result.signal} after ${result.ms} ms (log: ${result.logFile})\n${result.tail}`;
}

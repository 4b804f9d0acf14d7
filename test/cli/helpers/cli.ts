/** Runs the BUILT CLI (bin/ → dist/index.js) as a real child process with pipes (no terminal). */
import { execFileSync, spawn, type ChildProcess, type ExecFileSyncOptions } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

/**
 * Tests that stand in for a package manager with a shell script, run a printed command with `sh`,
 * make a folder read-only with chmod or interrupt the CLI with a signal need a POSIX system and
 * are skipped on Windows, where the unit tests cover printed commands and starting the package
 * manager with a simulated win32.
 */
export const ON_WINDOWS = process.platform === 'win32';

/** npm as a child process; on Windows npm is a .cmd shim, which only a shell starts. */
export function npmSync(args: readonly string[], options: ExecFileSyncOptions & { encoding?: BufferEncoding } = {}): string {
  const windows = process.platform === 'win32';
  const stdout = execFileSync(windows ? 'npm.cmd' : 'npm', args, { encoding: 'utf8', ...options, shell: windows });
  return String(stdout ?? ''); // null when stdout is inherited
}
export const BIN = join(REPO_ROOT, 'bin', 'create-electron-clerk-trpc.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Called with the child and its stdout so far on every stdout chunk */
  onStdout?: (child: ChildProcess, stdout: string) => void;
  /** Node options before the CLI's script, e.g. a module to preload with --import */
  nodeArgs?: readonly string[];
}

/** A predictable environment: no CI, no colour forcing, no package-manager user agent. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      key.startsWith('npm_') ||
      key === 'CI' ||
      key === 'NO_COLOR' ||
      key === 'FORCE_COLOR' ||
      key.startsWith('CREATE_ELECTRON_CLERK_TRPC_')
    ) {
      delete env[key];
    }
  }
  Object.assign(env, extra);
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
      cwd: options.cwd,
      env: baseEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(child, stdout);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export const ANSI = /\x1b\[/;

/** Everything the CLI printed, for assertion messages. */
export function output(result: CliResult): string {
  return `exit ${result.code}${result.signal ? ` (${result.signal})` : ''}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

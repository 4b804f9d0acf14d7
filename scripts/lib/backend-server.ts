/**
 * Starts a generated app's `dev:backend` on a free port (DESIGN.md: it honours PORT), waits for
 * tRPC's `health` to answer, and stops it the way a user does, with Ctrl+C (SIGINT to the process group).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { Backend } from '../../src/options.js';
import type { Command } from './package-managers.js';
import { killGroup } from './run-command.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Writes the backend's local configuration the way its README tells a user to: `backend/.dev.vars`
 * for the Worker (wrangler reads it), `backend/.env` for the Node server. `lines` are dotenv lines;
 * unless they set CLERK_AUTHORIZED_PARTIES, the example file's development value is kept (the
 * packaged origin and the dev server's), as a user copying the example does.
 */
export function writeBackendDevConfig(appDir: string, backend: Exclude<Backend, 'none'>, lines: readonly string[]): string {
  const name = backend === 'cloudflare' ? '.dev.vars' : '.env';
  const file = join(appDir, 'backend', name);
  const setsParties = lines.some((line) => AUTHORIZED_PARTIES_LINE.test(line));
  const devParties = setsParties
    ? []
    : exampleLines(join(appDir, 'backend', `${name}.example`)).filter((line) => AUTHORIZED_PARTIES_LINE.test(line));
  writeFileSync(file, `${[...lines, ...devParties].join('\n')}\n`);
  return file;
}

const AUTHORIZED_PARTIES_LINE = /^\s*CLERK_AUTHORIZED_PARTIES\s*=/;

function exampleLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split(/\r?\n/) : [];
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the failure message
  }
  return { status: response.status, body };
}

export interface StopResult {
  /** The process group exited by itself after SIGINT (no SIGKILL needed) */
  clean: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export class BackendProcess {
  private output = '';
  private exited: Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>;
  private hasExited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    const collect = (chunk: Buffer) => (this.output = (this.output + chunk.toString('utf8')).slice(-8000));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) =>
      child.on('close', (exitCode, signal) => {
        this.hasExited = true;
        resolve({ exitCode, signal });
      }),
    );
  }

  static start([file, args]: Command, options: { cwd: string; env: NodeJS.ProcessEnv; port: number; logFile: string }) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    const log = createWriteStream(options.logFile);
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: { ...options.env, PORT: String(options.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    return new BackendProcess(child, `http://127.0.0.1:${options.port}`);
  }

  get recentOutput(): string {
    return this.output;
  }

  /** Polls `/trpc/health` until it answers 200; fails early if the process dies. */
  async waitForHealth(timeoutMs: number): Promise<HttpAnswer> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      if (this.hasExited) throw new Error(`dev:backend exited before it was healthy:\n${this.output}`);
      try {
        const answer = await getJson(`${this.url}/trpc/health`);
        if (answer.status === 200) return answer;
        last = answer;
      } catch (error) {
        last = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`dev:backend was not healthy after ${timeoutMs} ms (last: ${String(last)}):\n${this.output}`);
  }

  /** Ctrl+C: SIGINT to the whole group; SIGKILL only if it is still there after `graceMs`. */
  async stop(graceMs = 20_000): Promise<StopResult> {
    if (this.hasExited) return { clean: true, ...(await this.exited) };
    killGroup(this.child.pid, 'SIGINT');
    const timedOut = Symbol('timeout');
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([
      this.exited,
      new Promise<typeof timedOut>((resolve) => (timer = setTimeout(() => resolve(timedOut), graceMs))),
    ]);
    clearTimeout(timer);
    // The leader may exit while children linger: the group must be empty too.
    const groupGone = await waitForGroupToEnd(this.child.pid, graceMs);
    if (first === timedOut || !groupGone) {
      killGroup(this.child.pid, 'SIGKILL');
      return { clean: false, ...(await this.exited) };
    }
    return { clean: true, ...first };
  }
}

async function waitForGroupToEnd(pid: number | undefined, timeoutMs: number): Promise<boolean> {
  if (pid === undefined) return true;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

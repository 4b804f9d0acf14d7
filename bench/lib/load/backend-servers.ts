/**
 * Bench copies of an installed app's backend, started on 127.0.0.1: the Node server (its own
 * build script, then `node dist/…`) or the Worker (`wrangler dev`, local only). The `unverified`
 * copy has @clerk/backend's `verifyToken` swapped for a decode without any check; it exists only
 * in a folder the bench creates beside backend/ and removes afterwards, never in a generated app.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { installEnv } from '../app-install.js';
import { BENCH_AUTHORIZED_PARTY } from './tokens.js';

export type Verification = 'verified' | 'unverified';

export interface RunningBackend {
  url: string;
  /** Processes whose memory is the server's (the Node process; workerd for the Worker). */
  serverPids(): number[];
  stop(): Promise<void>;
}

export interface BackendCopy {
  dir: string;
  kind: 'node' | 'cloudflare';
  verification: Verification;
  remove(): void;
}

const COPY_SKIP = new Set(['node_modules', 'data', '.wrangler', 'dist', '.dev.vars', '.env']);

/** The import the swap replaces, and what replaces it: the token's claims, decoded, nothing checked. */
const VERIFY_IMPORT = /import \{ verifyToken \} from '@clerk\/backend';/;
const DECODE_ONLY =
  "import { decodeJwt as decodeForBench } from '@clerk/backend/jwt';\n" +
  '// Bench copy only: the claims without any check of signature, expiry or parties.\n' +
  'const verifyToken = async (token: string, _options: unknown) => decodeForBench(token).payload;';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Swaps verifyToken in the one backend module that imports it; fails when there is not exactly one. */
export function skipVerification(srcDir: string): string {
  const importers = filesUnder(srcDir).filter((file) => VERIFY_IMPORT.test(readFileSync(file, 'utf8')));
  if (importers.length !== 1) {
    throw new Error(`expected one module importing verifyToken from @clerk/backend under ${srcDir}, found ${importers.length}`);
  }
  const file = importers[0]!;
  writeFileSync(file, readFileSync(file, 'utf8').replace(VERIFY_IMPORT, DECODE_ONLY));
  return relative(srcDir, file);
}

/** Copies backend/ beside it (`backend-bench-<verification>`), sharing its node_modules. */
export function copyBackend(appDir: string, verification: Verification): BackendCopy {
  const source = join(appDir, 'backend');
  const dir = join(appDir, `backend-bench-${verification}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true, filter: (path) => !COPY_SKIP.has(path.slice(path.lastIndexOf('/') + 1)) });
  if (existsSync(join(source, 'node_modules'))) symlinkSync(join(source, 'node_modules'), join(dir, 'node_modules'), 'dir');
  if (verification === 'unverified') skipVerification(join(dir, 'src'));
  const kind = existsSync(join(dir, 'wrangler.jsonc')) ? 'cloudflare' : 'node';
  return { dir, kind, verification, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Every descendant of `pid` (from /proc), itself included. */
function processTree(pid: number): { pid: number; name: string }[] {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      names.set(Number(entry), name);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree: { pid: number; name: string }[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.pop()!;
    tree.push({ pid: next, name: names.get(next) ?? '?' });
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** Resident memory of processes, in bytes (VmRSS). */
export function residentBytes(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    total += Number(match?.[1] ?? 0) * 1024;
  }
  return total;
}

/** CPU time (user + system) processes have used so far, in ms. */
export function cpuMs(pids: readonly number[]): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return (total * 1000) / ticks;
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the backend exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`the backend at ${url} did not answer /health within ${timeoutMs / 1000} s:\n${log()}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  };
}

export interface StartOptions {
  node: string;
  jwtKey: string;
  /** SQL run on the database after its migrations and before the load (seed data) */
  seedSql?: string;
}

function benchEnv(node: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...installEnv(node),
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_SEND_METRICS: 'false',
    CI: '1',
    ...extra,
  };
}

function spawnLogged(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Request log lines are read and dropped (the server writes them as it would in production).
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, log: () => output };
}

function runChecked(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

/** The Node backend: its own `npm run build`, the seed through @libsql/client, then `node dist/…`. */
async function startNode(copy: BackendCopy, options: StartOptions): Promise<RunningBackend> {
  const port = await freePort();
  const database = `file:${join(copy.dir, 'data', 'bench.db')}`;
  const env = benchEnv(options.node, {
    CLERK_JWT_KEY: options.jwtKey,
    CLERK_AUTHORIZED_PARTIES: BENCH_AUTHORIZED_PARTY,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: database,
  });
  runChecked('npm', ['run', 'build'], copy.dir, env);
  const start = (JSON.parse(readFileSync(join(copy.dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
    .start!;
  const entry = /(dist\/\S+\.m?js)/.exec(start)?.[1];
  if (!entry) throw new Error(`cannot find the built entry in the start script: ${start}`);
  const { child, log } = spawnLogged(options.node, [entry], copy.dir, env);
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, log);
  if (options.seedSql) {
    const seedFile = join(copy.dir, 'data', 'seed.sql');
    writeFileSync(seedFile, options.seedSql);
    const script =
      "import { createClient } from '@libsql/client'; import { readFileSync } from 'node:fs';" +
      'const c = createClient({ url: process.env.DATABASE_URL });' +
      'await c.executeMultiple(readFileSync(process.argv[1], "utf8")); c.close();';
    runChecked(options.node, ['--input-type=module', '-e', script, seedFile], copy.dir, env);
  }
  return { url, serverPids: () => [child.pid!], stop: stopper(child) };
}

/** The Worker under `wrangler dev` (workerd, local D1 and Durable Objects), migrations and seed applied first. */
async function startWorker(copy: BackendCopy, options: StartOptions): Promise<RunningBackend> {
  const port = await freePort();
  const env = benchEnv(options.node, {});
  writeFileSync(
    join(copy.dir, '.dev.vars'),
    `CLERK_JWT_KEY="${options.jwtKey.replace(/\n/g, '\\n')}"\nCLERK_AUTHORIZED_PARTIES="${BENCH_AUTHORIZED_PARTY}"\n`,
  );
  const wrangler = [join(copy.dir, '..', 'node_modules', 'wrangler', 'bin', 'wrangler.js')];
  const state = join(copy.dir, '.wrangler', 'bench-state');
  runChecked(options.node, [...wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], copy.dir, env);
  if (options.seedSql) {
    const seedFile = join(copy.dir, '.wrangler', 'seed.sql');
    writeFileSync(seedFile, options.seedSql);
    runChecked(
      options.node,
      [...wrangler, 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--file', seedFile, '--yes'],
      copy.dir,
      env,
    );
  }
  const { child, log } = spawnLogged(
    options.node,
    [...wrangler, 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', state, '--log-level', 'warn'],
    copy.dir,
    env,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, log);
  return {
    url,
    serverPids: () =>
      processTree(child.pid!)
        .filter((p) => p.name === 'workerd')
        .map((p) => p.pid),
    stop: stopper(child),
  };
}

export function startBackend(copy: BackendCopy, options: StartOptions): Promise<RunningBackend> {
  return copy.kind === 'node' ? startNode(copy, options) : startWorker(copy, options);
}

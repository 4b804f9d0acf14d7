/**
 * The generated app's transport benches (bench/app-transport/: the session token's cost per IPC
 * call, heap and timers while idle, batching of remote calls), run inside an installed app: the
 * folder is copied into it as bench/, typechecked with the app's compiler settings and run by the
 * app's vitest, so the benches import the app's own modules and dependencies.
 */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { installEnv } from './app-install.js';
import { run } from './processes.js';

const SOURCE = join(import.meta.dirname, '..', 'app-transport');
/** The fake Electron IPC and harness the kit's tests use (test/kit/base/helpers), copied as bench/helpers. */
const HELPERS = join(import.meta.dirname, '..', '..', 'test', 'kit', 'base', 'helpers');

/** Returns the benches' markdown report. Remote batching runs only in apps with a backend. */
export function benchAppTransport(appDir: string, nodeBinary: string): string {
  const target = join(appDir, 'bench');
  rmSync(target, { recursive: true, force: true });
  cpSync(SOURCE, target, { recursive: true });
  cpSync(HELPERS, join(target, 'helpers'), { recursive: true });
  try {
    const out = join(target, 'report.md');
    const env = { ...installEnv(nodeBinary), TRANSPORT_BENCH_OUT: out };
    const bin = (path: string) => join(appDir, 'node_modules', path);
    run({ command: nodeBinary, args: [bin('typescript/bin/tsc'), '--noEmit', '-p', 'bench/tsconfig.json'], cwd: appDir, env });
    const hasBackend = existsSync(join(appDir, 'src', 'kit', 'main', 'remote', 'backend.ts'));
    const filter = hasBackend ? [] : ['token-bridge', 'scale'];
    run({
      command: nodeBinary,
      args: [bin('vitest/vitest.mjs'), 'run', '--config', 'bench/vitest.config.mts', ...filter],
      cwd: appDir,
      env,
    });
    return readFileSync(out, 'utf8');
  } finally {
    // The app is left as generated.
    rmSync(target, { recursive: true, force: true });
  }
}

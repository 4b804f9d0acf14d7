import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './processes.js';

export interface OurCli {
  root: string;
  /** Absolute path of bin/create-electron-clerk-trpc.js */
  bin: string;
  version: string;
  dependencies: Record<string, string>;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds dist/ when it is missing or older than what it is built from (src, templates, the build script). */
export function ensureBuilt(root: string): OurCli {
  const output = join(root, 'dist', 'index.js');
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'templates')),
    newestMtime(join(root, 'scripts', 'build.mjs')),
  );
  if (!existsSync(output) || statSync(output).mtimeMs < sources) {
    console.error('building the CLI (npm run build)');
    run({ command: 'npm', args: ['run', 'build'], cwd: root });
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    bin: Record<string, string>;
    dependencies?: Record<string, string>;
  };
  const binPath = pkg.bin['create-electron-clerk-trpc'];
  if (!binPath) throw new Error('package.json has no create-electron-clerk-trpc bin');
  return { root, bin: join(root, binPath), version: pkg.version, dependencies: pkg.dependencies ?? {} };
}

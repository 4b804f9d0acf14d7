/**
 * The size table (files, lines by folder, README, the app's own `npm test` time, install time and
 * size) for several generated apps beside @quick-start/create-electron's react-ts, and the install
 * weight of the default app's direct dependencies.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { installEnv, measureInstall, npmInstall, type InstallFootprint } from './app-install.js';
import { measureAppSize, SIZE_FOLDERS, type AppSize } from './app-size.js';
import { declaredDependencies, explainDependencies } from './dependency-purposes.js';
import { weighDependencies } from './dependency-weight.js';
import { formatBytes } from './stats.js';
import { table } from './markdown.js';

export interface SizedApp {
  label: string;
  dir: string;
  size: AppSize;
  /** wall time of the app's own `npm test`; undefined when the app has no test script; 'not run' with --no-app-tests */
  test?: { ms: number; exitCode: number } | 'not run';
  install?: InstallFootprint;
  /** npm install wall time, when this run (or the run that installed it) measured it */
  installMs?: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const installRecord = (appDir: string) => `${appDir}.install.json`;

/** Installs the app unless `reuse` and it is installed; the install time is kept beside the app. */
export function installTimed(appDir: string, node: string, reuse: boolean): number | undefined {
  if (reuse && existsSync(join(appDir, 'node_modules', '.package-lock.json'))) {
    const record = installRecord(appDir);
    return existsSync(record) ? (JSON.parse(readFileSync(record, 'utf8')) as { ms: number }).ms : undefined;
  }
  const started = performance.now();
  npmInstall(appDir, node);
  const ms = performance.now() - started;
  writeFileSync(installRecord(appDir), JSON.stringify({ ms }));
  return ms;
}

/** Runs the app's `npm test` (its backend's included when the script chains it) once, timed. */
export function timeAppTests(appDir: string, node: string): SizedApp['test'] {
  const scripts = (JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> })
    .scripts;
  if (!scripts?.test) return undefined;
  const env = { ...installEnv(node), CI: '1', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' };
  const started = performance.now();
  const result = spawnSync('npm', ['test'], { cwd: appDir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.status !== 0) console.error(`npm test failed in ${appDir}:\n${`${result.stdout}${result.stderr}`.slice(-3000)}`);
  return { ms, exitCode: result.status ?? 1 };
}

export function sizeApp(label: string, dir: string, node: string, options: { installMs?: number; tests: boolean }): SizedApp {
  const installed = existsSync(join(dir, 'node_modules', '.package-lock.json'));
  return {
    label,
    dir,
    size: measureAppSize(dir),
    test: !options.tests ? 'not run' : installed ? timeAppTests(dir, node) : undefined,
    install: installed ? measureInstall(dir) : undefined,
    installMs: options.installMs,
  };
}

/** The size table: one column per app. */
export function renderSizeTable(apps: readonly SizedApp[], notes: readonly string[] = []): string {
  const cell = (counts: { files: number; lines: number }) => (counts.files === 0 ? '—' : `${counts.files} / ${counts.lines}`);
  const rows: (string | number)[][] = [
    ['**files / lines, all**', ...apps.map((a) => `**${a.size.files} / ${a.size.lines}**`)],
    ...SIZE_FOLDERS.map((folder) => [`${folder}`, ...apps.map((a) => cell(a.size.byFolder[folder]))]),
    ['README.md lines', ...apps.map((a) => a.size.readmeLines)],
    [
      '`npm test` (the app’s own, backend included)',
      ...apps.map((a) =>
        a.test === undefined
          ? 'no tests'
          : a.test === 'not run'
            ? 'not run (`--no-app-tests`)'
            : `${seconds(a.test.ms)}${a.test.exitCode === 0 ? '' : ` (failed, exit ${a.test.exitCode})`}`,
      ),
    ],
    ['npm install time', ...apps.map((a) => (a.installMs === undefined ? '—' : seconds(a.installMs)))],
    [
      'node_modules (packages)',
      ...apps.map((a) => (a.install ? `${formatBytes(a.install.nodeModulesBytes)} (${a.install.packages})` : 'not installed')),
    ],
  ];
  return [
    '## Size of the generated apps',
    'Files and lines a scaffolder writes (lockfiles, images and installed or built folders excluded; ' +
      '`src/kit` is part of `src`; "root docs" are the Markdown files at the root; a cell is files / lines). ' +
      '`npm test` is one run of the app’s own script under Node 22 with `CI=1`; installs use ' +
      '`npm install --ignore-scripts` with `ELECTRON_SKIP_BINARY_DOWNLOAD=1` (no Electron binary) for every app alike.',
    ...notes,
    table(['', ...apps.map((a) => a.label)], rows),
  ].join('\n\n');
}

/** The default app's direct dependencies: installed size, packages pulled in, and why. */
export function renderInstallWeight(opts: {
  defaultApp: SizedApp;
  withoutBackend?: SizedApp;
  anchor: SizedApp;
  goal: number;
}): string {
  const { defaultApp, withoutBackend, anchor, goal } = opts;
  const weights = weighDependencies(defaultApp.dir);
  const purposes = explainDependencies(declaredDependencies(defaultApp.dir));
  const declared = (name: string, manifest: string) =>
    purposes.find((p) => p.name === name && p.manifest === manifest) ?? purposes.find((p) => p.name === name)!;
  const bytesOf = (app: SizedApp) => app.install?.nodeModulesBytes ?? NaN;
  const ratio = (app: SizedApp) => bytesOf(app) / bytesOf(anchor);
  const installRows = [defaultApp, ...(withoutBackend ? [withoutBackend] : []), anchor].map((app) => [
    app.label,
    app.installMs === undefined ? '—' : seconds(app.installMs),
    app.install ? formatBytes(app.install.nodeModulesBytes) : '—',
    app.install?.packages ?? '—',
    app === anchor ? '1.00' : ratio(app).toFixed(2),
  ]);
  const verdict = withoutBackend
    ? `**Default app without a backend / anchor, node_modules: ${ratio(withoutBackend).toFixed(2)}** (goal ≤ ${goal}: ${
        ratio(withoutBackend) <= goal ? 'met' : 'not met'
      }).`
    : 'The default app without a backend was not installed in this run.';
  return [
    '## Install weight of the default app',
    'Direct dependencies of the default app (react, cloudflare, safe-storage) and of its backend workspace, ' +
      'from npm’s hidden lockfile: the packages each one reaches (itself included) and their size on disk, ' +
      'what only it brings, and why the app declares it (`bench/lib/dependency-purposes.ts`).',
    table(
      ['dependency', 'declared in', 'packages pulled in', 'installed size', 'only it brings', 'why'],
      weights.map((w) => [
        `\`${w.name}\``,
        `${w.declaredIn}${declared(w.name, w.declaredIn).kind === 'dependencies' ? '' : ' (dev)'}`,
        w.packages,
        formatBytes(w.bytes),
        `${formatBytes(w.exclusiveBytes)} (${w.exclusivePackages})`,
        declared(w.name, w.declaredIn).purpose,
      ]),
    ),
    table(['app', 'npm install time', 'node_modules', 'packages', 'size / anchor'], installRows),
    verdict,
  ].join('\n\n');
}

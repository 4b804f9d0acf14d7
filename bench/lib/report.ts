import type { InstallFootprint } from './app-install.js';
import type { DeclaredDependency } from './dependency-purposes.js';
import type { DependencyWeight } from './dependency-weight.js';
import type { Machine } from './machine.js';
import type { PackSize } from './pack-size.js';
import { table } from './markdown.js';
import { formatBytes, formatMs, median } from './stats.js';

export interface TimedRow {
  label: string;
  command: string;
  runs: number[];
  cpu: number[];
  /** files and bytes the command wrote, when it scaffolds */
  output?: { files: number; bytes: number };
}

export interface RatioRow {
  label: string;
  ratio: number;
  target?: string;
}

export interface TimingLocation {
  /** Where the runs wrote, e.g. "tmpfs (/dev/shm)" */
  where: string;
  filesystem: string;
  rows: TimedRow[];
  ratios: RatioRow[];
}

export interface AppFootprint {
  label: string;
  declared: number;
  install: InstallFootprint;
}

export interface BenchReport {
  date: string;
  machine: Machine;
  timing: { runs: number; warmups: number; locations: TimingLocation[] };
  /** ours / @quick-start/create-electron (wall, median of pairwise ratios) against its limit */
  guard: { where: string; ratio: number; limit: number; pass: boolean };
  packSizes: PackSize[];
  apps?: AppFootprint[];
  appsSkipped?: string;
  dependencies: (DeclaredDependency & { purpose: string })[];
  /** node_modules weight of each declared dependency of our app, when it was installed */
  weights?: DependencyWeight[];
  /** Markdown of the generated app's transport benches (bench/app-transport/), when the app was installed */
  transport?: string;
}

export function renderReport(report: BenchReport): string {
  const { machine, timing } = report;
  const parts: string[] = [];
  parts.push('# Benchmarks: scaffolding speed and size');
  parts.push(
    `Taken ${report.date} on ${machine.cpu}, ${machine.cores} cores, ${machine.memory} RAM, ${machine.os}; ` +
      `CLIs run under Node ${machine.cliNode ?? machine.node}` +
      (machine.node22 ? `, generated apps installed under Node ${machine.node22}` : '') +
      `; npm ${machine.npm}. Reproduce: \`npm run bench\` in this repository.`,
  );

  const { guard } = report;
  parts.push(
    `**Scaffold guard: ${guard.pass ? 'PASS' : 'FAIL'}**: ours / @quick-start/create-electron = **${guard.ratio.toFixed(2)}** ` +
      `(wall time, median of pairwise ratios, writing to ${guard.where}); limit ${guard.limit.toFixed(2)}. ` +
      "create-vite's ratio and the write floor are in the tables below.",
  );

  parts.push('## Scaffold time, process start to exit');
  parts.push(
    `${timing.runs} runs of each, interleaved (A B C A B C …) after ${timing.warmups} discarded warm-up round(s); ` +
      'every run writes into a directory that did not exist. Nothing is installed, no git. ' +
      'NODE_EXTRA_CA_CERTS is unset for the runs (Node would parse those certificates at every start). ' +
      'CPU = user + system time the process reports at exit (less disturbed than wall time when the machine is shared). ' +
      'Timed once per location: file creation costs differ between filesystems, and on ext4 without a journal ' +
      'a file costs more the more files were deleted in the minutes before.',
  );
  for (const location of timing.locations) {
    parts.push(`### Writing to ${location.where}, ${location.filesystem}`);
    parts.push(
      table(
        ['command', 'files written', 'wall median', 'wall min – max', 'CPU median'],
        location.rows.map((row) => [
          `${row.label}<br>\`${row.command}\``,
          row.output ? `${row.output.files} (${formatBytes(row.output.bytes)})` : '—',
          `**${formatMs(median(row.runs))}**`,
          `${formatMs(Math.min(...row.runs))} – ${formatMs(Math.max(...row.runs))}`,
          formatMs(median(row.cpu)),
        ]),
      ),
    );
    parts.push(
      table(
        ['median of pairwise ratios', 'value', 'target'],
        location.ratios.map((r) => [r.label, `**${r.ratio.toFixed(2)}**`, r.target ?? '']),
      ),
    );
  }

  parts.push('## Package size');
  parts.push(
    table(
      ['package', 'tarball (gzip)', 'unpacked', 'files', 'runtime dependencies'],
      report.packSizes.map((p) => [
        `${p.name}@${p.version}`,
        formatBytes(p.tarball),
        formatBytes(p.unpacked),
        p.files,
        p.runtimeDependencies,
      ]),
    ),
  );

  parts.push('## Installed footprint of the generated app');
  if (report.apps) {
    parts.push(
      '`npm install` with `ELECTRON_SKIP_BINARY_DOWNLOAD=1` and `--ignore-scripts` (for both apps alike), ' +
        'so the Electron binary (~100 MB more for each) is not included.',
    );
    parts.push(
      table(
        ['app', 'declared dependencies', 'installed packages', 'node_modules', 'files'],
        report.apps.map((a) => [
          a.label,
          a.declared,
          `**${a.install.packages}**`,
          `**${formatBytes(a.install.nodeModulesBytes)}**`,
          a.install.nodeModulesFiles,
        ]),
      ),
    );
    for (const app of report.apps) {
      parts.push(
        `Largest folders in ${app.label}'s node_modules: ` +
          app.install.largest.map((l) => `${l.name} ${formatBytes(l.bytes)}`).join(', ') +
          '.',
      );
    }
  } else {
    parts.push(`Skipped: ${report.appsSkipped ?? 'not measured'}.`);
  }

  parts.push('## What each dependency of the default app is for');
  const weightOf = (d: DeclaredDependency) => report.weights?.find((w) => w.name === d.name && w.declaredIn === d.manifest);
  if (report.weights) {
    parts.push(
      'Brings: installed packages reachable from it and their size (shared ones counted for each). ' +
        'Only via it: what no other dependency of the app needs, i.e. what removing it would save.',
    );
  }
  parts.push(
    table(
      ['dependency', 'version', 'declared in', 'purpose', ...(report.weights ? ['brings', 'only via it'] : [])],
      report.dependencies.map((d) => {
        const w = weightOf(d);
        return [
          `\`${d.name}\``,
          d.version,
          `${d.manifest} ${d.kind === 'devDependencies' ? '(dev)' : ''}`.trim(),
          d.purpose,
          ...(report.weights
            ? [
                w ? `${w.packages} pkgs, ${formatBytes(w.bytes)}` : '—',
                w ? `${w.exclusivePackages} pkgs, ${formatBytes(w.exclusiveBytes)}` : '—',
              ]
            : []),
        ];
      }),
    ),
  );
  parts.push("## The generated app's IPC transport (bench/app-transport/, in the default app)");
  parts.push(
    report.transport ? report.transport.trim().replace(/^(#+) /gm, '#$1 ') : `Skipped: ${report.appsSkipped ?? 'not measured'}.`,
  );
  return parts.join('\n\n') + '\n';
}

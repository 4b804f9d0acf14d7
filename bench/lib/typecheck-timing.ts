/**
 * TypeScript 7 (native) against the JavaScript compiler each project installs as `typescript` (6.0)
 * on the same projects: the ones a generated app's
 * `typecheck` script checks (read from its package.json files, backend included), and this
 * repository's own. Both compilers run the same `--noEmit -p …` steps, interleaved round by round.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, timeRun } from './processes.js';
import { formatMs, median, medianPairwiseRatio } from './stats.js';

/** TypeScript 7 as the generated apps (TSC in src/layers/base.ts) and this repository call it. */
const TS7_STEP = /^node (?:\.\.\/)*(?:scripts\/tsc\.mjs|node_modules\/typescript-7\/bin\/tsc) (.+)$/;
const NESTED_TYPECHECK = /^(?:npm|pnpm|yarn|bun) run typecheck$/;

/** One compiler run of a typecheck script: where it runs and the arguments after `tsc`. */
export interface TscStep {
  cwd: string;
  args: string[];
}

/** A typecheck script's steps split into TypeScript 7 runs (comparable) and the rest (vue-tsc: not). */
export interface ScriptSteps {
  steps: TscStep[];
  other: string[];
}

/**
 * The steps of a `typecheck` script, following `cd <dir>` and `<pm> run typecheck` into nested
 * package.json files (`readScript(dir)` returns that folder's typecheck script).
 */
export function typecheckSteps(cwd: string, script: string, readScript: (dir: string) => string): ScriptSteps {
  const result: ScriptSteps = { steps: [], other: [] };
  let dir = cwd;
  for (const command of script.split(' && ').map((part) => part.trim())) {
    const ts7 = TS7_STEP.exec(command);
    if (command.startsWith('cd ')) dir = join(dir, command.slice(3).trim());
    else if (NESTED_TYPECHECK.test(command)) {
      const nested = typecheckSteps(dir, readScript(dir), readScript);
      result.steps.push(...nested.steps);
      result.other.push(...nested.other);
    } else if (ts7) result.steps.push({ cwd: dir, args: ts7[1]!.split(/\s+/) });
    else result.other.push(command);
  }
  return result;
}

function readTypecheckScript(dir: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = manifest.scripts?.typecheck;
  if (!script) throw new Error(`${dir}/package.json has no typecheck script`);
  return script;
}

/** The steps of `npm run typecheck` in a project (an app, with its backend; this repository). */
export function projectTypecheckSteps(root: string): ScriptSteps {
  return typecheckSteps(root, readTypecheckScript(root), readTypecheckScript);
}

/** A `tsc` entry point run by Node: `node <tscScript> …args`. */
export interface Compiler {
  label: string;
  tscScript: string;
}

function compilerAt(packageDir: string, node: string): Compiler {
  const tscScript = join(packageDir, 'bin', 'tsc');
  const version = run({ command: node, args: [tscScript, '--version'], cwd: packageDir }).trim();
  return { label: version.replace(/^Version /, 'TypeScript '), tscScript };
}

export interface TypecheckTiming {
  /** Wall time of all steps together per round, per compiler (same order as the compilers). */
  totals: number[][];
  /** Per step, per compiler, the wall times per round. */
  perStep: number[][][];
}

/**
 * Runs every step with every compiler, `runs` rounds after `warmups` discarded ones. The compilers
 * alternate which goes first each round, so a drift of the machine weighs on both alike. A step
 * that fails (type errors) fails the bench: the comparison holds only if both accept the projects.
 */
export function timeTypecheck(
  steps: readonly TscStep[],
  compilers: readonly Compiler[],
  options: { runs: number; warmups: number; node: string },
): TypecheckTiming {
  const totals = compilers.map((): number[] => []);
  const perStep = steps.map(() => compilers.map((): number[] => []));
  for (let round = 0; round < options.warmups + options.runs; round++) {
    const order = compilers.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const c of order) {
      let total = 0;
      steps.forEach((step, s) => {
        const ms = timeRun({ command: options.node, args: [compilers[c]!.tscScript, ...step.args], cwd: step.cwd });
        total += ms;
        if (round >= options.warmups) perStep[s]![c]!.push(ms);
      });
      if (round >= options.warmups) totals[c]!.push(total);
    }
  }
  return { totals, perStep };
}

export interface TypecheckComparison {
  title: string;
  /** The folder the step names are shown relative to */
  root: string;
  /** TypeScript 7 first, the baseline second */
  compilers: readonly Compiler[];
  /** Upper bound for TypeScript 7 / baseline, if there is one */
  target?: number;
  steps: TscStep[];
  /** Commands of the script the comparison leaves out (vue-tsc has no TypeScript 7 build). */
  other: string[];
  timing: TypecheckTiming;
}

function stepName(step: TscStep, root: string): string {
  const where = step.cwd === root ? '' : `${step.cwd.slice(root.length + 1)}/: `;
  return `${where}\`tsc ${step.args.join(' ')}\``;
}

/** Markdown: one table per comparison (TypeScript 7 first, the baseline second), the ratios last. */
export function renderTypecheckSection(
  comparisons: readonly TypecheckComparison[],
  options: { runs: number; warmups: number },
): string {
  const lines = [
    '## Typecheck: TypeScript 7 against the JavaScript compiler (`typescript`)',
    '',
    `The same \`tsc --noEmit -p …\` steps as \`npm run typecheck\` with each compiler, ${options.runs} interleaved rounds after`,
    `${options.warmups} warm-up round(s); ratio = median of the per-round ratios (all steps: of their summed wall times).`,
    '',
  ];
  const summary: string[] = [];
  for (const comparison of comparisons) {
    const { timing, root } = comparison;
    const [fast, base] = comparison.compilers.map((c) => c.label);
    const ratio = medianPairwiseRatio(timing.totals[0]!, timing.totals[1]!);
    lines.push(`### ${comparison.title}`, '', `| step | ${fast} | ${base} | ratio |`, '| --- | --- | --- | --- |');
    comparison.steps.forEach((step, s) => {
      const [a, b] = timing.perStep[s]!;
      lines.push(
        `| ${stepName(step, root)} | ${formatMs(median(a!))} | ${formatMs(median(b!))} | ${medianPairwiseRatio(a!, b!).toFixed(2)} |`,
      );
    });
    lines.push(
      `| **all steps** | **${formatMs(median(timing.totals[0]!))}** | **${formatMs(median(timing.totals[1]!))}** | **${ratio.toFixed(2)}** |`,
      '',
    );
    if (comparison.other.length)
      lines.push(`Not compared (no TypeScript 7 build): ${comparison.other.map((c) => `\`${c}\``).join(', ')}.`, '');
    const target =
      comparison.target === undefined
        ? '—'
        : `≤ ${comparison.target.toFixed(2)} ${ratio <= comparison.target ? '(met)' : '(**not met**)'}`;
    summary.push(`| ${comparison.title} | ${fast} / ${base} | **${ratio.toFixed(2)}** | ${target} |`);
  }
  lines.push('| projects | compilers | ratio | target |', '| --- | --- | --- | --- |', ...summary, '');
  return lines.join('\n');
}

/**
 * The whole part: the default app (installed, with its backend) and this repository, each with its
 * own TypeScript 7 against its own JavaScript compiler. Returns the markdown section.
 */
export function benchTypecheck(options: {
  appDir: string;
  repoRoot: string;
  node: string;
  runs: number;
  warmups: number;
}): string {
  const projects = [
    { title: 'default app (react, cloudflare, safe-storage), backend included', root: options.appDir, target: 0.4 },
    { title: 'this repository (`npm run typecheck`)', root: options.repoRoot },
  ];
  const comparisons = projects.map(({ title, root, target }): TypecheckComparison => {
    const { steps, other } = projectTypecheckSteps(root);
    if (steps.length === 0) throw new Error(`no TypeScript 7 step in ${root}'s typecheck script`);
    // TypeScript 7, then the JavaScript compiler the project installs for the editor and lint.
    const compilers = ['typescript-7', 'typescript'].map((name) => compilerAt(join(root, 'node_modules', name), options.node));
    console.error(`typecheck: ${steps.length} steps in ${root}, ${compilers.map((c) => c.label).join(' vs ')}`);
    const timing = timeTypecheck(steps, compilers, options);
    return { title, root, compilers, ...(target === undefined ? {} : { target }), steps, other, timing };
  });
  return renderTypecheckSection(comparisons, options);
}

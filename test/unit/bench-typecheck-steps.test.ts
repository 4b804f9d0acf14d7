import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typecheckSteps } from '../../bench/lib/typecheck-timing.js';
import type { ProjectOptions } from '../../src/options.js';
import { planProject } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');

/** The typecheck scripts of a planned app, by folder ('app', 'app/backend'). */
function plannedScripts(options: ProjectOptions): (dir: string) => string {
  const files = planProject(options, readLayersFrom(TEMPLATES));
  return (dir) => {
    const path = dir === 'app' ? 'package.json' : `${dir.slice('app/'.length)}/package.json`;
    const manifest = JSON.parse(files.get(path)!.toString()) as { scripts: Record<string, string> };
    return manifest.scripts.typecheck!;
  };
}

describe("the typecheck bench's steps (bench/lib/typecheck-timing.ts)", () => {
  it("follows the app's typecheck into backend/ and leaves vue-tsc out", () => {
    const options: ProjectOptions = {
      projectName: 'demo-app',
      framework: 'vue',
      backend: 'cloudflare',
      tokenStorage: 'memory',
      addons: [],
      packageManager: 'pnpm',
      scheme: 'demo',
    };
    const read = plannedScripts(options);
    const { steps, other } = typecheckSteps('app', read('app'), read);
    expect(steps).toEqual([
      { cwd: 'app', args: ['--noEmit', '-p', 'tsconfig.node.json'] },
      { cwd: 'app', args: ['--noEmit', '-p', 'tsconfig.json'] },
      { cwd: join('app', 'backend'), args: ['--noEmit'] },
      { cwd: join('app', 'backend'), args: ['--noEmit', '-p', 'test'] },
    ]);
    expect(other).toEqual(['node scripts/doctor.mjs node', 'vue-tsc --noEmit -p tsconfig.web.json']);
  });

  it("reads this repository's own typecheck script", () => {
    const root = join(import.meta.dirname, '..', '..');
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(typecheckSteps(root, scripts.typecheck!, () => '').steps.map((step) => step.args)).toEqual([
      ['--noEmit'],
      ['--noEmit', '-p', 'test/conformance'],
    ]);
  });
});

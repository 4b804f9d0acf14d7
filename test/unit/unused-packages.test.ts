import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectOptions } from '../../src/options.js';
import { PACKAGE_MANAGERS, type PackageManager } from '../../src/package-managers.js';
import { planProject } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');
const EMPTY_PACKAGE = 'scripts/unused-package/package.json';
const EMPTY_PACKAGE_SPEC = 'file:./scripts/unused-package';
// The heaviest of them: the wallet SDKs (with viem) and core-js.
const HEAVY = ['@base-org/account', '@coinbase/wallet-sdk', 'core-js'];

const OPTIONS = {
  projectName: 'weight-app',
  framework: 'react',
  backend: 'none',
  tokenStorage: 'memory',
  addons: [],
  packageManager: 'npm',
  scheme: 'com.example.weightapp',
  clerkPublishableKey: undefined,
} as unknown as ProjectOptions;

function plan(packageManager: PackageManager, changes: Partial<ProjectOptions> = {}) {
  const files = planProject({ ...OPTIONS, ...changes, packageManager }, readLayersFrom(TEMPLATES));
  const manifest = JSON.parse(files.get('package.json')!.toString()) as Record<string, Record<string, unknown>>;
  return { files, manifest };
}

/** The dependencies each package manager is told to leave out, with what it installs instead. */
function leftOut(packageManager: PackageManager): Record<string, unknown> {
  const { files, manifest } = plan(packageManager);
  if (packageManager === 'yarn') return manifest.resolutions ?? {};
  if (packageManager !== 'pnpm') {
    return Object.fromEntries(Object.entries(manifest.overrides ?? {}).filter(([, spec]) => typeof spec === 'string'));
  }
  const block = /^overrides:\n((?: {2}.*\n)*)/m.exec(files.get('pnpm-workspace.yaml')!.toString())?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/^ {2}'([^']+)': '([^']*)'$/gm)].map(([, name, spec]) => [name, spec]));
}

describe('packages the app never loads', () => {
  it('every package manager leaves out the same ones', () => {
    const npm = leftOut('npm');
    expect(Object.keys(npm)).toEqual(expect.arrayContaining(HEAVY));
    for (const packageManager of PACKAGE_MANAGERS) {
      expect(Object.keys(leftOut(packageManager)).sort(), packageManager).toEqual(Object.keys(npm).sort());
    }
  });

  it('npm and bun install the empty package through overrides, next to the framework layer’s own', () => {
    for (const packageManager of ['npm', 'bun'] as const) {
      expect(Object.values(leftOut(packageManager))).toEqual(Object.keys(leftOut('npm')).map(() => EMPTY_PACKAGE_SPEC));
      expect(plan(packageManager).manifest.overrides?.['@trpc/tanstack-react-query']).toBeDefined();
    }
  });

  it('yarn installs it through resolutions', () => {
    const resolutions = leftOut('yarn');
    for (const name of HEAVY) expect(resolutions[name]).toBe(EMPTY_PACKAGE_SPEC);
  });

  it('pnpm removes them in pnpm-workspace.yaml, so its app has no empty package', () => {
    const removed = leftOut('pnpm');
    expect(new Set(Object.values(removed))).toEqual(new Set(['-']));
    const { files } = plan('pnpm');
    expect([...files.keys()].filter((path) => path.startsWith('scripts/unused-package'))).toEqual([]);
    expect(files.get('package.json')!.toString()).not.toContain(EMPTY_PACKAGE_SPEC);
  });

  it('the empty package is written exactly where package.json installs it, and holds nothing', () => {
    for (const packageManager of PACKAGE_MANAGERS) {
      for (const framework of ['react', 'vue', 'vanilla']) {
        const { files } = plan(packageManager, { framework } as Partial<ProjectOptions>);
        const used = files.get('package.json')!.toString().includes(EMPTY_PACKAGE_SPEC);
        expect(files.has(EMPTY_PACKAGE), `${packageManager} ${framework}`).toBe(used);
        expect([...files.keys()].filter((path) => path.startsWith('scripts/unused-package/'))).toEqual(
          used ? [EMPTY_PACKAGE] : [],
        );
        if (used) {
          expect(JSON.parse(files.get(EMPTY_PACKAGE)!.toString())).toMatchObject({ name: 'unused-package', private: true });
        }
      }
    }
  });
});

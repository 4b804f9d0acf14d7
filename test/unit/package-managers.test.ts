import { describe, expect, it } from 'vitest';

import type { Layer } from '../../src/layers/types.js';
import { collectInstallScriptPolicy, packageManagerFiles, packageManagerManifestFields } from '../../src/package-managers.js';

const layers: Layer[] = [
  { templateDir: 'a', installScripts: ['electron', 'esbuild'], ignoredInstallScripts: ['core-js', 'workerd'] },
  { templateDir: 'b', installScripts: ['workerd', 'esbuild'], ignoredInstallScripts: ['@scope/banner'] },
];
const policy = collectInstallScriptPolicy(layers);

describe('collectInstallScriptPolicy', () => {
  it('merges the layers, sorted, and lets a needed script win over "not needed"', () => {
    expect(policy).toEqual({ allowed: ['electron', 'esbuild', 'workerd'], ignored: ['@scope/banner', 'core-js'] });
  });
});

describe('packageManagerManifestFields', () => {
  it('npm: allowScripts says true or false for every known script', () => {
    expect(packageManagerManifestFields('npm', policy)).toEqual({
      allowScripts: { '@scope/banner': false, 'core-js': false, electron: true, esbuild: true, workerd: true },
    });
  });

  it('yarn: dependenciesMeta marks each package built or not', () => {
    const { dependenciesMeta } = packageManagerManifestFields('yarn', policy) as {
      dependenciesMeta: Record<string, { built: boolean }>;
    };
    expect(dependenciesMeta.electron).toEqual({ built: true });
    expect(dependenciesMeta['core-js']).toEqual({ built: false });
    expect(Object.keys(dependenciesMeta)).toHaveLength(5);
  });

  it('bun: trustedDependencies lists only what must run', () => {
    expect(packageManagerManifestFields('bun', policy)).toEqual({ trustedDependencies: ['electron', 'esbuild', 'workerd'] });
  });

  it('pnpm: nothing in package.json, which pnpm 11+ no longer reads', () => {
    expect(packageManagerManifestFields('pnpm', policy)).toEqual({});
  });
});

describe('packageManagerFiles', () => {
  it('writes nothing for npm and bun', () => {
    expect([...packageManagerFiles('npm', policy, ['backend'])]).toEqual([]);
    expect([...packageManagerFiles('bun', policy, ['backend'])]).toEqual([]);
  });

  it('yarn: a node_modules linker, and a lockfile that makes the folder a project of its own', () => {
    const files = packageManagerFiles('yarn', policy, []);
    expect([...files.keys()]).toEqual(['.yarnrc.yml', 'yarn.lock']);
    expect(files.get('yarn.lock')).toBe('');
    expect(files.get('.yarnrc.yml')).toMatch(/^nodeLinker: node-modules$/m);
  });

  it('pnpm: workspace packages and build decisions for pnpm 10 and 11+', () => {
    const yaml = packageManagerFiles('pnpm', policy, ['backend']).get('pnpm-workspace.yaml');
    expect(yaml).toContain("packages:\n  - 'backend'\n");
    expect(yaml).toContain(
      "allowBuilds:\n  '@scope/banner': false\n  'core-js': false\n  'electron': true\n  'esbuild': true\n  'workerd': true\n",
    );
    expect(yaml).toContain("onlyBuiltDependencies:\n  - 'electron'\n  - 'esbuild'\n  - 'workerd'\n");
    expect(yaml).toContain("ignoredBuiltDependencies:\n  - '@scope/banner'\n  - 'core-js'\n");
  });

  it('pnpm: no packages key without workspaces, valid empty lists without scripts', () => {
    const yaml = packageManagerFiles('pnpm', { allowed: [], ignored: [] }, []).get('pnpm-workspace.yaml')!;
    expect(yaml).not.toContain('packages:');
    expect(yaml).toContain('allowBuilds: {}\nonlyBuiltDependencies: []\nignoredBuiltDependencies: []\n');
  });
});

import { describe, expect, it } from 'vitest';
import { VARIANTS } from '../../src/variants/registry.js';
import { selectLayers } from '../../src/variants/select.js';
import type { ProjectOptions } from '../../src/options.js';
import { buildManifest } from '../../src/plan/manifest.js';
import { packageManagerManifestFields } from '../../src/package-managers.js';
import { VERSIONS } from '../../src/versions.js';

const OPTIONS: ProjectOptions = {
  projectName: 'pins-app',
  framework: 'react',
  backend: 'cloudflare',
  tokenStorage: 'memory',
  addons: [],
  packageManager: 'npm',
  scheme: 'com.example.pinsapp',
  clerkPublishableKey: undefined,
} as ProjectOptions;

describe('npm allowScripts pins', () => {
  it('pins the approval of a package the app depends on at an exact version', () => {
    const policy = { allowed: ['electron', 'esbuild'], ignored: ['core-js'] };
    expect(packageManagerManifestFields('npm', policy, { electron: '45.5.0' })).toEqual({
      allowScripts: { 'core-js': false, 'electron@45.5.0': true, esbuild: true },
    });
  });

  it('in a generated package.json: electron pinned to the version it installs, transitive packages by name', () => {
    const manifest = buildManifest(OPTIONS, selectLayers(OPTIONS, VARIANTS)) as {
      allowScripts: Record<string, boolean>;
      devDependencies: Record<string, string>;
    };
    expect(VERSIONS.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.allowScripts[`electron@${manifest.devDependencies.electron}`]).toBe(true);
    expect(manifest.allowScripts).not.toHaveProperty('electron');
    // Arrive through wrangler / vite / electron-builder at versions the app does not choose.
    expect(manifest.allowScripts).toMatchObject({ workerd: true, esbuild: true, 'electron-winstaller': true });
  });

  it('writes no pins for other package managers', () => {
    const manifest = buildManifest(
      { ...OPTIONS, packageManager: 'bun' },
      selectLayers({ ...OPTIONS, packageManager: 'bun' }, VARIANTS),
    ) as {
      trustedDependencies: string[];
    };
    expect(manifest.trustedDependencies).toContain('electron');
  });
});

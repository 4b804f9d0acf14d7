import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectOptions } from '../../src/options.js';
import { buildManifest } from '../../src/plan/manifest.js';
import { VARIANTS } from '../../src/variants/registry.js';
import { selectLayers } from '../../src/variants/select.js';

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

const overridesOf = (options: ProjectOptions) =>
  (buildManifest(options, selectLayers(options, VARIANTS)) as { overrides?: Record<string, unknown> }).overrides;

describe('packages the app never loads', () => {
  it('npm installs the empty package in their place, next to the framework layer’s own overrides', () => {
    const overrides = overridesOf(OPTIONS)!;
    for (const name of ['@base-org/account', '@coinbase/wallet-sdk', 'core-js']) {
      expect(overrides[name]).toBe('file:./scripts/unused-package');
    }
    expect(overrides['@trpc/tanstack-react-query']).toBeDefined();
    const stub = JSON.parse(readFileSync(join('templates/base/scripts/unused-package/package.json'), 'utf8'));
    expect(stub).toMatchObject({ name: 'unused-package', private: true });
    expect(existsSync('templates/base/scripts/unused-package/index.js')).toBe(false);
  });

  it('other package managers, which read no npm overrides, get none of these', () => {
    for (const packageManager of ['pnpm', 'yarn', 'bun'] as const) {
      expect(overridesOf({ ...OPTIONS, packageManager }) ?? {}).not.toHaveProperty('@coinbase/wallet-sdk');
    }
  });
});

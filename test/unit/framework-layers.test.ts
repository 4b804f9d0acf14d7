import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Framework, ProjectOptions } from '../../src/options.js';
import { planProject } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';
import { TSC } from '../../src/layers/base.js';
import { VERSIONS } from '../../src/versions.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');

function options(framework: Framework): ProjectOptions {
  return {
    projectName: 'demo-app',
    framework,
    backend: 'none',
    tokenStorage: 'memory',
    addons: [],
    packageManager: 'npm',
    scheme: 'demo',
  };
}

function plan(framework: Framework) {
  const files = planProject(options(framework), readLayersFrom(TEMPLATES));
  const manifest = JSON.parse(files.get('package.json')!.toString()) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
    scripts: Record<string, string>;
  };
  return { files, manifest };
}

describe('the Vue and vanilla layers', () => {
  it.each(['vue', 'vanilla'] as const)('%s: gets the shared clerk-js native set-up; React does not', (framework) => {
    expect(plan(framework).files.has('src/kit/renderer/clerk-native.ts')).toBe(true);
    expect(plan('react').files.has('src/kit/renderer/clerk-native.ts')).toBe(false);
  });

  it('look like the React app (one stylesheet for every framework)', () => {
    const react = plan('react').files.get('src/renderer/src/styles.css')!.toString();
    expect(plan('vue').files.get('src/renderer/src/styles.css')!.toString()).toBe(react);
    expect(plan('vanilla').files.get('src/renderer/src/styles.css')!.toString()).toBe(react);
  });

  it.each(['vue', 'vanilla'] as const)(
    '%s: no React tooling, its own Vite plugin only, clerk-js as a direct dependency',
    (framework) => {
      const { files, manifest } = plan(framework);
      const all = { ...manifest.dependencies, ...manifest.devDependencies };
      expect(all).not.toHaveProperty('@vitejs/plugin-react');
      expect(all).not.toHaveProperty('@trpc/tanstack-react-query');
      expect(all['@clerk/clerk-js']).toBe(VERSIONS['@clerk/clerk-js']);
      const viteConfig = files.get('electron.vite.config.ts')!.toString();
      expect(viteConfig).not.toContain('plugin-react');
      expect(viteConfig.includes("import vue from '@vitejs/plugin-vue'")).toBe(framework === 'vue');
      expect(files.get('src/renderer/index.html')!.toString()).toContain('src="./src/main.ts"');
      expect(files.has('src/renderer/src/main.ts')).toBe(true);
      expect(files.get('src/kit/renderer/clerk-native.ts')!.toString()).toContain(
        `ELECTRON_SDK_VERSION = '${VERSIONS['@clerk/electron']}'`,
      );
    },
  );

  it('vue: type-checks the renderer, .vue files included, with vue-tsc', () => {
    const { manifest } = plan('vue');
    expect(manifest.scripts.typecheck).toContain('vue-tsc --noEmit -p tsconfig.web.json');
    expect(manifest.devDependencies).toHaveProperty('vue-tsc');
    expect(manifest.dependencies).toHaveProperty('@clerk/vue');
  });

  it("only Vue apps check the renderer's project with vue-tsc; every app checks Node, then all three projects (e2e/ in tsconfig.json)", () => {
    for (const framework of ['react', 'vue', 'vanilla'] as const) {
      const steps = plan(framework).manifest.scripts.typecheck!.split(' && ');
      expect(steps).toEqual([
        'node scripts/doctor.mjs node',
        `${TSC} --noEmit -p tsconfig.node.json`,
        `${framework === 'vue' ? 'vue-tsc' : TSC} --noEmit -p tsconfig.web.json`,
        `${TSC} --noEmit -p tsconfig.json`,
      ]);
    }
  });
});

describe('Clerk versions', () => {
  it('pins every @clerk/* package exactly', () => {
    for (const [name, version] of Object.entries(VERSIONS)) {
      if (name.startsWith('@clerk/')) expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});

/**
 * A renderer added the way docs/ADDING-A-VARIANT.md describes, from a fixture folder and without
 * editing any other module: it becomes a choice, and its files, dependencies, scripts and slot
 * contributions reach the plan. A variant that leaves out something required is refused.
 */
import { TSC } from '../../src/layers/base.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagRows, optionTable } from '../../src/cli/options-table.js';
import type { Framework, ProjectOptions } from '../../src/options.js';
import type { VersionMap } from '../../src/plan/context.js';
import { planProject, type ReadLayer } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';
import { VARIANTS } from '../../src/variants/registry.js';
import { defineFramework, type VariantRegistry } from '../../src/variants/types.js';
import { VERSIONS } from '../../src/versions.js';
import svelte from '../fixtures/variants/framework-svelte/variant.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'variants');

/** The fixture folders first, then the real templates: a folder is read from the first root that has it. */
function readFromRoots(...roots: string[]): ReadLayer {
  const readers = roots.map((root) => readLayersFrom(root));
  return (templateDir) => readers.map((read) => read(templateDir)).find((files) => files.length > 0) ?? [];
}

const registry: VariantRegistry = { ...VARIANTS, frameworks: [...VARIANTS.frameworks, svelte] };
const readLayer = readFromRoots(FIXTURES, TEMPLATES);
const versions = { ...VERSIONS, svelte: '^5.0.0' } as VersionMap;

function options(overrides: Partial<Record<Exclude<keyof ProjectOptions, 'addons'>, string>> = {}): ProjectOptions {
  // 'svelte' is not a built-in Framework: the registry, not the type, decides what exists.
  return {
    projectName: 'svelte-app',
    framework: 'svelte' as Framework,
    backend: 'cloudflare',
    tokenStorage: 'keychain',
    addons: [],
    packageManager: 'pnpm',
    scheme: 'com.example.svelteapp',
    ...overrides,
  } as ProjectOptions;
}

const text = (files: Map<string, Buffer>, path: string) => {
  const file = files.get(path);
  if (!file) throw new Error(`${path} is not in the plan`);
  return file.toString('utf8');
};

describe('a fixture renderer registered beside the built-in ones', () => {
  it('is a choice of the question and of --framework, after the built-in ones', () => {
    const framework = optionTable(registry).find((spec) => spec.key === 'framework');
    expect(framework?.kind === 'choice' && framework.choices.map((choice) => choice.value)).toEqual([
      'react',
      'vue',
      'vanilla',
      'svelte',
    ]);
    expect(framework?.kind === 'choice' && framework.choices.at(-1)).toEqual({
      value: 'svelte',
      label: 'Svelte',
      hint: 'Svelte 5 over the shared clerk-js set-up',
    });
    expect(flagRows(optionTable(registry)).map(([flag]) => flag)).toContain('--framework <react|vue|vanilla|svelte>');
    // The built-in table is untouched.
    expect(flagRows().map(([flag]) => flag)).toContain('--framework <react|vue|vanilla>');
  });

  it('plans its own files, the shared clerk-js layer it includes and its backend UI', () => {
    const files = planProject(options(), readLayer, { registry, versions });
    expect(text(files, 'src/renderer/src/main.ts')).toContain('Svelte fixture entry');
    expect(files.has('src/kit/renderer/clerk-native.ts')).toBe(true);
    expect(text(files, 'src/renderer/src/components/RemoteCards.svelte')).toContain('notes card in the Svelte fixture');
    // Its slot and variant files are not files of the app.
    expect([...files.keys()].filter((path) => path.startsWith('slots/') || path === 'variant.ts')).toEqual([]);
  });

  it('fills the shared templates through slots', () => {
    const files = planProject(options(), readLayer, { registry, versions });
    const vite = text(files, 'electron.vite.config.ts');
    expect(vite).toContain(
      "import { svelte } from '@sveltejs/vite-plugin-svelte';\nimport { defineConfig, loadEnv } from 'electron-vite';",
    );
    expect(vite).toContain('      plugins: [svelte()],\n');
    // The keychain storage's contribution lands in the same file.
    expect(vite).toContain("rolldownOptions: { external: ['@napi-rs/keyring'] },");
    expect(text(files, 'src/renderer/index.html')).toContain('<script type="module" src="./src/main.ts"></script>');
    expect(text(files, 'tsconfig.web.json')).not.toContain('"jsx"');
    const readme = text(files, 'README.md');
    expect(readme).toContain('And in a Svelte component (run `pnpm dev` to see it):\n\n```svelte\n');
    expect(readme).toContain('(see the notes card, `src/renderer/src/components/RemoteCards.svelte`)');
    expect(text(files, 'AGENTS.md')).toContain('procedures through the client from `lib/trpc.ts` in Svelte stores;');
  });

  it('adds its dependencies, scripts and install-script approvals to package.json', () => {
    const files = planProject(options(), readLayer, { registry, versions });
    const manifest = JSON.parse(text(files, 'package.json')) as {
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(manifest.devDependencies.svelte).toBe('^5.0.0');
    expect(manifest.devDependencies).not.toHaveProperty('@vitejs/plugin-react');
    expect(manifest.scripts['check:svelte']).toBe('svelte-check');
    // Its renderer step replaced base's; the backend's steps still follow.
    expect(manifest.scripts.typecheck).toBe(
      `node scripts/doctor.mjs node && ${TSC} --noEmit -p tsconfig.node.json && svelte-check --tsconfig tsconfig.web.json && ${TSC} --noEmit -p tsconfig.json && cd backend && pnpm run typecheck`,
    );
    expect(text(files, 'pnpm-workspace.yaml')).toContain("  - 'svelte-fixture-native'");
  });

  it('a framework without a backend UI layer does not compile', () => {
    const incomplete = () =>
      // @ts-expect-error backendUi is required: a framework without one would lose the backend's cards
      defineFramework({ id: 'solid', label: 'Solid', hint: 'fixture', layers: () => [{ templateDir: 'framework-solid' }] });
    expect(incomplete).toBeTypeOf('function');
  });

  it('a framework that names no renderer entry is refused with the slot to fill', () => {
    const noEntry = defineFramework({ ...svelte, id: 'svelte', layers: () => [{ templateDir: 'framework-svelte' }] });
    const broken: VariantRegistry = { ...VARIANTS, frameworks: [...VARIANTS.frameworks, noEntry] };
    expect(() => planProject(options(), readLayer, { registry: broken, versions })).toThrow(
      /No layer fills the "rendererEntry" slot \(framework svelte\)/,
    );
  });

  it('an unknown choice names the known ones', () => {
    expect(() => planProject(options({ framework: 'solid' }), readLayer, { registry, versions })).toThrow(
      'Unknown framework "solid" (known: react, vue, vanilla, svelte)',
    );
  });

  it('a slot file for a slot that does not exist is refused', () => {
    const withStrayFile: ReadLayer = (dir) =>
      dir === 'framework-svelte'
        ? [...readLayer(dir), { path: 'slots/readmeSvelte.hbs', contents: Buffer.from('x\n') }]
        : readLayer(dir);
    expect(() => planProject(options(), withStrayFile, { registry, versions })).toThrow(
      'templates/framework-svelte/slots/readmeSvelte.hbs: a slot file must be named <slot>.hbs after a slot in src/layers/slots.ts',
    );
  });
});

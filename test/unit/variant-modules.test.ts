/** What each built-in variant module contributes, and the rules every module keeps. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeScripts } from '../../src/layers/scripts.js';
import type { Layer } from '../../src/layers/types.js';
import { VARIANTS } from '../../src/variants/registry.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TEMPLATES = join(ROOT, 'templates');
const npm = { packageManager: 'npm' } as const;
const react = VARIANTS.frameworks.find((v) => v.id === 'react')!;
const backendUi = react.backendUi(npm);
const dirs = (layers: Layer[]) => layers.map((layer) => layer.templateDir);
const slot = (layers: Layer[], name: keyof NonNullable<Layer['slots']>) =>
  layers.map((layer) => layer.slots?.[name]).filter(Boolean);

describe('every variant module', () => {
  const all = [...VARIANTS.frameworks, ...VARIANTS.backends, ...VARIANTS.tokenStorages];

  it('has a unique id, a label and a hint', () => {
    for (const kind of [VARIANTS.frameworks, VARIANTS.backends, VARIANTS.tokenStorages]) {
      expect(new Set(kind.map((v) => v.id)).size).toBe(kind.length);
    }
    for (const variant of all) expect(variant.label && variant.hint, variant.id).toBeTruthy();
  });

  it('names only template folders that exist, and lives in one of them (templates/<dir>/variant.ts)', () => {
    const layers = [
      ...VARIANTS.frameworks.flatMap((v) => [...v.layers(npm), v.backendUi(npm)]),
      ...VARIANTS.backends.flatMap((v) => v.layers(npm, backendUi)),
      ...VARIANTS.tokenStorages.map((v) => v.layer(npm)),
    ];
    for (const dir of new Set(dirs(layers))) expect(existsSync(join(TEMPLATES, dir)), dir).toBe(true);
    const modules = readdirSync(TEMPLATES).filter((dir) => existsSync(join(TEMPLATES, dir, 'variant.ts')));
    expect(modules).toHaveLength(all.length);
  });
});

describe('framework modules', () => {
  it.each(VARIANTS.frameworks.map((v) => [v.id, v] as const))(
    '%s: its own layer last, a renderer entry, a backend UI folder',
    (_id, framework) => {
      const layers = framework.layers(npm);
      expect(layers.at(-1)!.templateDir).toBe(`framework-${framework.id}`);
      expect(slot(layers, 'rendererEntry')).toHaveLength(1);
      expect(framework.backendUi(npm).templateDir).toBe(`remote-ui-${framework.id}`);
    },
  );

  it('react brings its own Clerk SDK and JSX; vue and vanilla include the shared clerk-js layer first', () => {
    expect(dirs(react.layers(npm))).toEqual(['framework-react']);
    expect(slot(react.layers(npm), 'tsJsx')).toEqual(['react-jsx']);
    for (const id of ['vue', 'vanilla']) {
      const layers = VARIANTS.frameworks.find((v) => v.id === id)!.layers(npm);
      expect(dirs(layers)).toEqual(['clerk-js', `framework-${id}`]);
      expect(slot(layers, 'tsJsx')).toEqual([]);
    }
  });

  it('only vue replaces the renderer typecheck step (vue-tsc)', () => {
    const base = { templateDir: 'base', scripts: { typecheck: [{ id: 'renderer', run: 'tsc -p web' }] } };
    const typecheck = (id: string) =>
      composeScripts([base, ...VARIANTS.frameworks.find((v) => v.id === id)!.layers(npm)]).typecheck;
    expect(typecheck('vue')).toBe('vue-tsc --noEmit -p tsconfig.web.json');
    expect(typecheck('react')).toBe('tsc -p web');
    expect(typecheck('vanilla')).toBe('tsc -p web');
  });

  it('the Vite plugin of react and vue, none for vanilla', () => {
    const plugins = Object.fromEntries(VARIANTS.frameworks.map((v) => [v.id, slot(v.layers(npm), 'rendererVitePlugins')]));
    expect(plugins).toEqual({ react: ['react()'], vue: ['vue()'], vanilla: [] });
  });
});

describe('backend modules', () => {
  it.each(['cloudflare', 'node'])(
    '%s: backend-shared, then the framework UI, then its own layer; the remote API feature',
    (id) => {
      const layers = VARIANTS.backends.find((v) => v.id === id)!.layers(npm, backendUi);
      expect(dirs(layers)).toEqual(['backend-shared', 'remote-ui-react', `backend-${id}`]);
      expect(layers.flatMap((layer) => layer.features ?? [])).toEqual(['remoteApi']);
      for (const name of ['backendName', 'backendDatabase', 'backendConfigFile', 'readmeMigrationApply'] as const) {
        expect(slot(layers, name), name).toHaveLength(1);
      }
    },
  );

  it('none adds no layer and no next steps', () => {
    const none = VARIANTS.backends.find((v) => v.id === 'none')!;
    expect(none.layers(npm, backendUi)).toEqual([]);
    expect(none.nextSteps).toBeUndefined();
  });

  it("scripts use the package manager's run command (pnpm run, so `deploy` is the script)", () => {
    const cloudflare = VARIANTS.backends.find((v) => v.id === 'cloudflare')!;
    const layers = cloudflare.layers({ packageManager: 'pnpm' }, backendUi);
    const scripts = composeScripts([
      { templateDir: 'base', scripts: { dev: ['electron-vite dev'], typecheck: ['tsc'], test: ['vitest run'] } },
      ...layers,
    ]);
    expect(scripts).toEqual({
      dev: 'node scripts/doctor.mjs --fast && concurrently --kill-others --success first -n backend,app -c blue,magenta "pnpm run dev:backend" "pnpm run dev:app"',
      typecheck: 'tsc && cd backend && pnpm run typecheck',
      test: 'vitest run && cd backend && pnpm run test',
      'dev:app': 'electron-vite dev',
      'dev:backend': 'node scripts/doctor.mjs node backend-config && cd backend && pnpm run dev',
      'deploy:backend': 'cd backend && pnpm run deploy',
    });
  });
});

describe('token-storage modules', () => {
  it("keychain: a runtime dependency kept out of main's bundle; the others add neither", () => {
    const layers = Object.fromEntries(VARIANTS.tokenStorages.map((v) => [v.id, v.layer(npm)]));
    expect(layers.keychain!.dependencies).toEqual(['@napi-rs/keyring']);
    expect(layers.keychain!.slots?.mainNativeExternals).toBe('@napi-rs/keyring');
    for (const id of ['safe-storage', 'memory']) {
      expect(layers[id]!.dependencies ?? []).toEqual([]);
      expect(layers[id]!.slots ?? {}).toEqual({});
    }
  });

  it.each(VARIANTS.tokenStorages.map((v) => [v.id] as const))('%s: writes the token storage module and a README bullet', (id) => {
    expect(existsSync(join(TEMPLATES, `storage-${id}`, 'src/kit/main/storage/token-storage.ts'))).toBe(true);
    expect(existsSync(join(TEMPLATES, `storage-${id}`, 'slots/readmeTokenStorage.hbs'))).toBe(true);
  });
});

describe('the house rules', () => {
  const filesUnder = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));

  it('shared templates ask for slots and features, never for a variant or an add-on by name', () => {
    const ids = [...VARIANTS.frameworks, ...VARIANTS.backends, ...VARIANTS.tokenStorages, ...VARIANTS.addons].map((v) => v.id);
    for (const dir of ['base', 'clerk-js', 'backend-shared']) {
      for (const file of filesUnder(join(TEMPLATES, dir)).filter((path) => path.endsWith('.hbs'))) {
        const expressions = readFileSync(file, 'utf8').match(/\{\{[#^/]?(?:if|unless)[^}]*\}\}/g) ?? [];
        for (const expression of expressions) {
          expect(expression, file).not.toMatch(/\bis[A-Z]|hasBackend|\bframework\b|\bbackend\b|tokenStorage|\baddons\b/);
          for (const id of ids) expect(expression, file).not.toContain(`"${id}"`);
        }
      }
    }
  });

  it('no shared file names a variant or an add-on in its code, only in prose', () => {
    // Ids that are also the platform's own words ('node' as a tsconfig type, 'none' in a CSP, the
    // 'offline' DOM event, Playwright's 'workers' setting) are held to the expression rule above only.
    const platformWords = new Set(['node', 'none', 'offline', 'workers']);
    const ids = [...VARIANTS.frameworks, ...VARIANTS.backends, ...VARIANTS.tokenStorages, ...VARIANTS.addons]
      .map((v) => v.id)
      .filter((id) => !platformWords.has(id));
    const choiceValue = /\{\{\{?(framework|backend|tokenStorage|addons)\}?\}\}/;
    for (const dir of ['base', 'clerk-js', 'backend-shared']) {
      for (const file of filesUnder(join(TEMPLATES, dir)).filter((path) => !/\.(md|png)(\.hbs)?$/.test(path))) {
        const text = readFileSync(file, 'utf8');
        expect(text, file).not.toMatch(choiceValue);
        for (const id of ids) expect(text, `${file} names ${id}`).not.toMatch(new RegExp(`['"\`]${id}['"\`]|\\b${id}\\s*:`));
      }
    }
  });
});

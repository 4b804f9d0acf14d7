import { describe, expect, it } from 'vitest';
import type { ProjectOptions } from '../../src/options.js';
import { assertSafeProjectPath, outputPath, planProject, type ReadLayer, type TemplateFile } from '../../src/plan/planner.js';
import type { VersionMap } from '../../src/plan/context.js';
import { VERSIONS } from '../../src/versions.js';

const options: ProjectOptions = {
  projectName: 'demo-app',
  framework: 'react',
  backend: 'none',
  tokenStorage: 'memory',
  addons: [],
  packageManager: 'pnpm',
  scheme: 'demo',
};

const file = (path: string, text: string): TemplateFile => ({ path, contents: Buffer.from(text) });

function fakeLayers(layers: Record<string, TemplateFile[]>): ReadLayer {
  return (dir) => layers[dir] ?? [];
}

describe('planProject', () => {
  it('applies layers in order: a later layer replaces an earlier file at the same path', () => {
    const plan = planProject(
      options,
      fakeLayers({
        base: [file('src/a.ts', 'base a'), file('src/b.ts', 'base b')],
        'framework-react': [file('src/a.ts', 'react a')],
        'storage-memory': [file('src/b.ts', 'memory b')],
      }),
    );
    expect(plan.get('src/a.ts')?.toString()).toBe('react a');
    expect(plan.get('src/b.ts')?.toString()).toBe('memory b');
  });

  it('renders .hbs with the template context and drops the suffix; copies other files as they are', () => {
    const plan = planProject(
      options,
      fakeLayers({
        base: [
          file('README.md.hbs', '# {{productName}} ({{scheme}}://renderer) {{pm.run}} dev {{version "@clerk/electron"}}'),
          file('raw.txt', '{{productName}}'),
        ],
      }),
    );
    expect(plan.get('README.md')?.toString()).toBe(`# Demo App (demo://renderer) pnpm dev ${VERSIONS['@clerk/electron']}`);
    expect(plan.get('raw.txt')?.toString()).toBe('{{productName}}');
    expect(plan.has('README.md.hbs')).toBe(false);
  });

  it('turns a leading underscore into a dot (npm strips dotfiles from tarballs)', () => {
    expect(outputPath('_gitignore')).toBe('.gitignore');
    expect(outputPath('backend/_dev.vars.example.hbs')).toBe('backend/.dev.vars.example');
    expect(outputPath('src/my_file.ts')).toBe('src/my_file.ts');
    expect(outputPath('_github/workflows/ci.yml.hbs')).toBe('.github/workflows/ci.yml');
    expect(outputPath('_vscode/launch.json')).toBe('.vscode/launch.json');
    expect(outputPath('backend/drizzle/meta/__journal.json')).toBe('backend/drizzle/meta/_journal.json');
    const plan = planProject(options, fakeLayers({ base: [file('_gitignore', 'node_modules\n')] }));
    expect(plan.get('.gitignore')?.toString()).toBe('node_modules\n');
  });

  it('fails on an unknown template variable instead of rendering nothing', () => {
    expect(() => planProject(options, fakeLayers({ base: [file('x.ts.hbs', '{{nope}}')] }))).toThrow(
      /templates\/base\/x\.ts\.hbs/,
    );
  });

  it('leaves out an .hbs file that renders to nothing (conditional files)', () => {
    const plan = planProject(
      options,
      fakeLayers({ base: [file('keychain-only.ts.hbs', '{{#if isKeychain}}export {};{{/if}}\n')] }),
    );
    expect(plan.has('keychain-only.ts')).toBe(false);
  });

  it('refuses an accidentally empty plain file but allows .gitkeep', () => {
    expect(() => planProject(options, fakeLayers({ base: [file('src/empty.ts', '')] }))).toThrow(/empty/);
    expect(planProject(options, fakeLayers({ base: [file('assets/.gitkeep', '')] })).has('assets/.gitkeep')).toBe(true);
  });

  it('refuses paths that would leave the project folder', () => {
    for (const path of ['../evil.ts', 'a/../../evil.ts', '/etc/passwd', 'C:/x', 'a//b', 'a\\..\\b']) {
      expect(() => assertSafeProjectPath(path, 'test'), path).toThrow(/inside the project/);
    }
    expect(() => planProject(options, fakeLayers({ base: [file('../escape.ts', 'x')] }))).toThrow(/inside the project/);
  });

  it('builds package.json from the layers, sorted, with the given versions', () => {
    const placeholders = Object.fromEntries(Object.keys(VERSIONS).map((name) => [name, '<version>'])) as VersionMap;
    const plan = planProject(options, fakeLayers({}), { versions: placeholders });
    const manifest = JSON.parse(plan.get('package.json')!.toString()) as Record<string, Record<string, string>>;
    expect(manifest.name).toBe('demo-app');
    const all = { ...manifest.dependencies, ...manifest.devDependencies };
    expect(Object.keys(all)).toContain('@clerk/electron');
    expect(new Set(Object.values(all))).toEqual(new Set(['<version>']));
    expect(Object.keys(manifest.dependencies!)).toEqual(Object.keys(manifest.dependencies!).sort());

    const real = JSON.parse(planProject(options, fakeLayers({})).get('package.json')!.toString()) as Record<
      string,
      Record<string, string>
    >;
    for (const [name, version] of Object.entries({ ...real.dependencies, ...real.devDependencies })) {
      expect(version, name).toBe(VERSIONS[name as keyof typeof VERSIONS]);
    }
  });

  it('returns paths sorted', () => {
    const plan = planProject(options, fakeLayers({ base: [file('z.ts', 'z'), file('a/b.ts', 'b'), file('m.ts', 'm')] }));
    const paths = [...plan.keys()];
    expect(paths).toEqual([...paths].sort());
  });
});

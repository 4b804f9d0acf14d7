/**
 * Add-ons: the built-in ones and a fixture one registered beside them (test/fixtures/addons/),
 * through the option table, the questions, validation and the planner.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import prompts from 'prompts';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { optionTable, type Answers } from '../../src/cli/options-table.js';
import { askMissingAnswers } from '../../src/cli/questions.js';
import { completeAnswers, toProjectOptions } from '../../src/cli/resolve.js';
import { UsageError } from '../../src/core/errors.js';
import type { ProjectOptions } from '../../src/options.js';
import { planProject, type ReadLayer } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';
import { ADDONS } from '../../src/addons/registry.js';
import { VARIANTS } from '../../src/variants/registry.js';
import { selectLayers } from '../../src/variants/select.js';
import type { VariantRegistry } from '../../src/variants/types.js';
import { KIT_TESTS_DIR } from '../../scripts/lib/kit-tests.js';
import sync from '../fixtures/addons/addon-sync/addon.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'addons');
const registry: VariantRegistry = { ...VARIANTS, addons: [...VARIANTS.addons, sync] };
const table = optionTable(registry);

/** The fixture folders first, then the real templates. */
const readLayer: ReadLayer = (dir) =>
  [readLayersFrom(FIXTURES), readLayersFrom(TEMPLATES)].map((read) => read(dir)).find((files) => files.length > 0) ?? [];

function options(addons: readonly string[], backend: ProjectOptions['backend'] = 'cloudflare'): ProjectOptions {
  return {
    projectName: 'addon-app',
    framework: 'react',
    backend,
    tokenStorage: 'memory',
    addons,
    packageManager: 'npm',
    scheme: 'addon-app',
  };
}

const text = (plan: Map<string, Buffer>, path: string) => plan.get(path)?.toString('utf8') ?? '';

describe('built-in add-ons', () => {
  it('each has a unique id, a label and a hint, and lives in templates/addon-<id>/addon.ts; every such module is listed', () => {
    expect(new Set(ADDONS.map((addon) => addon.id)).size).toBe(ADDONS.length);
    for (const addon of ADDONS) {
      expect(addon.label && addon.hint, addon.id).toBeTruthy();
      expect(addon.layer({ packageManager: 'npm' }).templateDir).toBe(`addon-${addon.id}`);
    }
    const modules = readdirSync(TEMPLATES).filter((dir) => existsSync(join(TEMPLATES, dir, 'addon.ts')));
    expect(modules.sort()).toEqual(ADDONS.map((addon) => `addon-${addon.id}`).sort());
  });

  it('the default app has no workers; --with workers adds them, their README section and layout line (their kit test is in test/kit/addon-workers)', () => {
    const read = readLayersFrom(TEMPLATES);
    const plain = planProject(options([]), read);
    const withWorkers = planProject(options(['workers']), read);
    const added = [...withWorkers.keys()].filter((path) => !plain.has(path));
    expect(added.sort()).toEqual([
      'src/kit/main/workers/protocol.ts',
      'src/kit/main/workers/run-in-utility-process.ts',
      'src/kit/main/workers/worker-side.ts',
    ]);
    expect(existsSync(join(KIT_TESTS_DIR, 'addon-workers/workers/utility-process.test.ts'))).toBe(true);
    expect(text(plain, 'README.md')).not.toMatch(/workers|utilityProcess/i);
    expect(text(withWorkers, 'README.md')).toContain('## Long-running work (utility-process workers)');
    expect(text(withWorkers, 'README.md')).toMatch(/^src\/kit\/main\/workers\/ +utilityProcess work/m);
    // Only the README differs among the files both have.
    const changed = [...plain.keys()].filter((path) => !plain.get(path)!.equals(withWorkers.get(path)!));
    expect(changed).toEqual(['README.md']);
  });

  it("--with offline adds the backend's Idempotency-Key middleware; the default backend keeps only its table (its kit test is in test/kit/addon-offline)", () => {
    const read = readLayersFrom(TEMPLATES);
    const plain = planProject(options([]), read);
    const withOffline = planProject(options(['offline']), read);
    expect(plain.has('backend/src/kit/idempotency.ts')).toBe(false);
    expect(text(plain, 'backend/src/kit/trpc.ts')).not.toMatch(/idempotency|onceByKey/i);
    expect(text(plain, 'backend/src/db/schema.ts')).toContain("sqliteTable(\n  'idempotency_keys'");
    expect(withOffline.has('backend/src/kit/idempotency.ts')).toBe(true);
    expect(text(withOffline, 'backend/src/kit/trpc.ts')).toContain("import { onceByKey } from './idempotency';");
    expect(text(withOffline, 'backend/src/kit/trpc.ts')).toContain('.use(boundedStreams).use(onceByKey);');
    expect(existsSync(join(KIT_TESTS_DIR, 'addon-offline/backend/idempotency.test.ts'))).toBe(true);
  });
});

describe('a fixture add-on registered beside the built-in ones', () => {
  it('is a value of --with and a choice of the question, with its label and hint', () => {
    const spec = table.find((candidate) => candidate.key === 'addons');
    expect(spec?.kind).toBe('multichoice');
    expect(spec?.kind === 'multichoice' && spec.choices.at(-1)).toEqual({
      value: 'sync',
      label: 'Sync fixture',
      hint: 'a fixture add-on that needs a backend',
    });
    expect(spec?.help).toBe(`opt-in add-ons, comma-separated: ${[...ADDONS.map((addon) => addon.id), 'sync'].join(', ')}`);
  });

  it('adds its layer after every variant layer, in the registry order whatever order it was given in', () => {
    const layers = selectLayers(options(['sync', 'workers']), registry);
    expect(layers.map((layer) => layer.templateDir).slice(-3)).toEqual(['storage-memory', 'addon-workers', 'addon-sync']);
  });

  it('its files, scripts and slot contributions reach the plan; its module does not', () => {
    const plan = planProject(options(['sync']), readLayer, { registry });
    expect(text(plan, 'src/main/sync/sync.ts')).toContain('sync fixture');
    expect(JSON.parse(text(plan, 'package.json')).scripts['sync:check']).toBe('npm run typecheck');
    // An add-on's sections close the README.
    expect(text(plan, 'README.md')).toMatch(/updates\.ts`\)\.\n\n## Sync fixture\n\nThe sync fixture section of Addon App\.\n$/);
    expect(text(plan, 'README.md')).toContain('src/main/sync/             the sync fixture');
    expect([...plan.keys()].filter((path) => path === 'addon.ts' || path.startsWith('slots/'))).toEqual([]);
  });

  it('needs a backend: the planner refuses it with --backend none', () => {
    expect(() => selectLayers(options(['sync'], 'none'), registry)).toThrow(
      'The add-on "sync" needs a backend; backend "none" has none',
    );
  });

  it('with --backend none the answers are refused with the way out; with a backend they pass', () => {
    const context = { projectName: 'x', detectedPackageManager: undefined };
    const refused = () => completeAnswers({ backend: 'none', addons: ['sync'] }, context, table);
    expect(refused).toThrow(UsageError);
    expect(refused).toThrow(
      '--with: the add-on "sync" needs a backend and --backend none has none: choose --backend cloudflare or --backend node, or leave sync out',
    );
    const answers = completeAnswers({ backend: 'node', addons: ['sync', 'workers', 'sync'] }, context, table);
    expect(toProjectOptions('x', answers).addons).toEqual(['sync', 'workers']);
  });

  it('is not offered after "no backend"; the question is not asked when nothing is left to offer', async () => {
    const asked: prompts.PromptObject[] = [];
    const record = (async (question: prompts.PromptObject) => {
      asked.push(question);
      return { [question.name as string]: question.type === 'multiselect' ? [] : undefined };
    }) as unknown as typeof prompts;
    const given: Partial<Answers> = {
      framework: 'react',
      tokenStorage: 'memory',
      clerkPublishableKey: 'pk',
      scheme: 's',
      install: false,
      git: false,
    };
    const context = { projectName: 'x', detectedPackageManager: undefined, installedPackageManagers: ['npm' as const] };
    await askMissingAnswers(record, { ...given, backend: 'none' }, context, table);
    const question = asked.find((q) => q.name === 'addons')!;
    const withoutBackend = ADDONS.filter((addon) => !addon.requiresBackend).map((addon) => addon.id);
    expect((question.choices as prompts.Choice[]).map((choice) => choice.value)).toEqual(withoutBackend);

    asked.length = 0;
    const onlySync = optionTable({ ...VARIANTS, addons: [sync] });
    await askMissingAnswers(record, { ...given, backend: 'none' }, context, onlySync);
    expect(asked.map((q) => q.name)).not.toContain('addons');
    await askMissingAnswers(record, { ...given, backend: 'node' }, context, onlySync);
    expect(asked.map((q) => q.name)).toContain('addons');
  });
});

describe('--with', () => {
  const parse = (...argv: string[]) => parseArgs(argv, '1.0.0', { out: () => {}, err: () => {} });

  it('takes a comma list, repeated flags add up; sorted, each once', () => {
    expect(parse('app', '--with', ' workers, ,workers', '--with', 'workers').given.addons).toEqual(['workers']);
    expect(parse('app', '--with', '').given.addons).toEqual([]);
    expect(parse('app').given.addons).toBeUndefined();
  });

  it('refuses an unknown add-on, naming the known ones', () => {
    expect(() => parse('app', '--with', 'workers,offlin')).toThrow(UsageError);
    expect(() => parse('app', '--with', 'offlin,nope')).toThrow(
      `unknown add-ons "nope", "offlin"; the add-ons are: ${ADDONS.map((addon) => addon.id).join(', ')}`,
    );
  });
});

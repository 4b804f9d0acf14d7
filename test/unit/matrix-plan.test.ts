/**
 * The matrix's combinations come from the variant registry: a variant added as
 * docs/ADDING-A-VARIANT.md describes (the fixture renderer) is in the full matrix and the subset
 * without an edit to the planner.
 */
import { describe, expect, it } from 'vitest';
import { allCombinations, subsetCombinations, valueCounts } from '../../scripts/lib/matrix-plan.js';
import type { Combination } from '../../scripts/lib/generated-app.js';
import { VARIANTS } from '../../src/variants/registry.js';
import type { VariantRegistry } from '../../src/variants/types.js';
import svelte from '../fixtures/variants/framework-svelte/variant.js';

const withSvelte: VariantRegistry = { ...VARIANTS, frameworks: [...VARIANTS.frameworks, svelte] };
const name = (c: Combination) => `${c.framework}-${c.backend}-${c.tokenStorage}`;
const valuesOf = (registry: VariantRegistry) => [
  ...registry.frameworks.map(({ id }) => `framework=${id}`),
  ...registry.backends.map(({ id }) => `backend=${id}`),
  ...registry.tokenStorages.map(({ id }) => `tokenStorage=${id}`),
];

describe.each([
  ['the built-in variants', VARIANTS as VariantRegistry],
  ['the built-in variants and the fixture renderer', withSvelte],
])('matrix plan for %s', (_name, registry) => {
  const all = allCombinations('npm', registry);
  const subset = subsetCombinations('npm', registry);

  it('all: every framework x backend x token storage once, and the default with every add-on', () => {
    const variants = all.filter((c) => !c.addons);
    expect(variants).toHaveLength(registry.frameworks.length * registry.backends.length * registry.tokenStorages.length);
    expect(new Set(variants.map(name)).size).toBe(variants.length);
    expect(all.filter((c) => c.addons)).toEqual([
      expect.objectContaining({ framework: registry.frameworks[0]!.id, addons: registry.addons.map(({ id }) => id) }),
    ]);
  });

  it('subset: every add-on once, on a combination with a backend', () => {
    const withAddons = subset.filter((c) => c.addons);
    expect(withAddons).toHaveLength(1);
    expect(withAddons[0]!.addons).toEqual(registry.addons.map(({ id }) => id));
    expect(withAddons[0]!.backend).not.toBe('none');
  });

  it('subset: every value at least twice, in twice as many combinations as the longest list has values', () => {
    const counts = valueCounts(subset);
    for (const value of valuesOf(registry)) expect(counts[value] ?? 0, value).toBeGreaterThanOrEqual(2);
    const longest = Math.max(registry.frameworks.length, registry.backends.length, registry.tokenStorages.length);
    expect(subset).toHaveLength(2 * longest);
  });

  it('subset: real, distinct combinations, no two sharing more than one value', () => {
    const names = new Set(all.map(name));
    for (const c of subset) expect(names.has(name(c)), name(c)).toBe(true);
    for (const [i, a] of subset.entries()) {
      for (const b of subset.slice(i + 1)) {
        const shared = (['framework', 'backend', 'tokenStorage'] as const).filter((key) => a[key] === b[key]);
        expect(shared.length, `${name(a)} and ${name(b)}`).toBeLessThanOrEqual(1);
      }
    }
  });
});

it('the fixture renderer is in the subset twice', () => {
  expect(subsetCombinations('npm', withSvelte).filter((c) => (c.framework as string) === svelte.id)).toHaveLength(2);
});

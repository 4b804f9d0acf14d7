/**
 * Which combinations the matrix runs: all of them and the default with every add-on, or a subset in
 * which every framework, backend and token storage appears at least twice and every add-on once.
 * Both come from the variant registry, so a new variant or add-on is in the matrix without an edit here.
 */
import type { PackageManager } from '../../src/options.js';
import { VARIANTS } from '../../src/variants/registry.js';
import type { VariantRegistry } from '../../src/variants/types.js';
import type { Combination } from './generated-app.js';

const OPTION_KEYS = ['framework', 'backend', 'tokenStorage'] as const;

const addonIds = (registry: VariantRegistry) => registry.addons.map(({ id }) => id);

/** The default app (each option's first value) with every add-on (also a snapshot preset and a bench row). */
export function everyAddonCombination(packageManager: PackageManager = 'npm', registry: VariantRegistry = VARIANTS): Combination {
  const [framework, backend, tokenStorage] = [registry.frameworks[0]!, registry.backends[0]!, registry.tokenStorages[0]!];
  return {
    framework: framework.id,
    backend: backend.id,
    tokenStorage: tokenStorage.id,
    packageManager,
    addons: addonIds(registry),
  } as Combination;
}

function variantCombinations(packageManager: PackageManager, registry: VariantRegistry): Combination[] {
  return registry.frameworks.flatMap(({ id: framework }) =>
    registry.backends.flatMap(({ id: backend }) =>
      registry.tokenStorages.map(({ id: tokenStorage }) => ({ framework, backend, tokenStorage, packageManager }) as Combination),
    ),
  );
}

export function allCombinations(packageManager: PackageManager = 'npm', registry: VariantRegistry = VARIANTS): Combination[] {
  return [...variantCombinations(packageManager, registry), everyAddonCombination(packageManager, registry)];
}

/**
 * The fewest combinations (twice the longest list of values) in which every value appears at least
 * twice and no two combinations share more than one value, so a failure points at one option value:
 * found by a depth-first search in registry order, so the same registry gives the same subset. With
 * three values per option that is six combinations. Every add-on goes on the first of them that has
 * a backend (some add-ons need one) and another renderer than the default's.
 */
export function subsetCombinations(packageManager: PackageManager = 'npm', registry: VariantRegistry = VARIANTS): Combination[] {
  const pool = variantCombinations(packageManager, registry);
  const size = 2 * Math.max(registry.frameworks.length, registry.backends.length, registry.tokenStorages.length);
  const values = [
    ...registry.frameworks.map(({ id }) => `framework=${id}`),
    ...registry.backends.map(({ id }) => `backend=${id}`),
    ...registry.tokenStorages.map(({ id }) => `tokenStorage=${id}`),
  ];
  const valuesOf = (c: Combination) => OPTION_KEYS.map((key) => `${key}=${c[key]}`);
  const sharesTwo = (a: Combination, b: Combination) => OPTION_KEYS.filter((key) => a[key] === b[key]).length > 1;

  const search = (picked: Combination[]): Combination[] | undefined => {
    const counts = valueCounts(picked);
    const needed = values.find((value) => (counts[value] ?? 0) < 2);
    if (needed === undefined) return picked;
    if (picked.length === size) return undefined;
    for (const candidate of pool) {
      if (!valuesOf(candidate).includes(needed) || picked.some((other) => sharesTwo(other, candidate))) continue;
      const found = search([...picked, candidate]);
      if (found) return found;
    }
    return undefined;
  };
  const subset = search([]);
  if (!subset) throw new Error(`no ${size} combinations cover every value twice without two sharing two values`);
  const hasBackend = new Set(registry.backends.filter((backend) => backend.nextSteps).map(({ id }) => id));
  const withAddons = subset.find((c) => hasBackend.has(c.backend) && c.framework !== registry.frameworks[0]!.id);
  if (withAddons && registry.addons.length > 0) withAddons.addons = addonIds(registry);
  return subset;
}

/** How often each value of each option (and each add-on) occurs in a list of combinations. */
export function valueCounts(combinations: readonly Combination[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of combinations) {
    const addons = (c.addons ?? []).map((id) => `addon=${id}`);
    for (const key of [`framework=${c.framework}`, `backend=${c.backend}`, `tokenStorage=${c.tokenStorage}`, ...addons]) {
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

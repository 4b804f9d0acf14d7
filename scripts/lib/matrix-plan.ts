/**
 * Which combinations the matrix runs: all 27 and the default with every add-on, or a fixed subset
 * that covers every option value twice and every add-on once.
 */
import { ADDON_IDS, BACKENDS, FRAMEWORKS, TOKEN_STORAGES, type PackageManager } from '../../src/options.js';
import type { Combination } from './generated-app.js';

/** The default app with every add-on (also a snapshot preset and a bench row). */
export function everyAddonCombination(packageManager: PackageManager = 'npm'): Combination {
  return { framework: 'react', backend: 'cloudflare', tokenStorage: 'safe-storage', packageManager, addons: [...ADDON_IDS] };
}

export function allCombinations(packageManager: PackageManager = 'npm'): Combination[] {
  return [
    ...FRAMEWORKS.flatMap((framework) =>
      BACKENDS.flatMap((backend) => TOKEN_STORAGES.map((tokenStorage) => ({ framework, backend, tokenStorage, packageManager }))),
    ),
    everyAddonCombination(packageManager),
  ];
}

/**
 * Six combinations in which each framework, backend and token storage appears exactly twice, and
 * no two share more than one value, so a failure points at one option value. One of them, with a
 * backend (which some add-ons need) and not the default renderer, also has every add-on.
 */
export function subsetCombinations(packageManager: PackageManager = 'npm'): Combination[] {
  const rows = [
    ['react', 'none', 'safe-storage'],
    ['react', 'cloudflare', 'keychain'],
    ['vue', 'node', 'memory', ADDON_IDS],
    ['vue', 'cloudflare', 'safe-storage'],
    ['vanilla', 'none', 'memory'],
    ['vanilla', 'node', 'keychain'],
  ] as const;
  return rows.map(([framework, backend, tokenStorage, addons]) => ({
    framework,
    backend,
    tokenStorage,
    packageManager,
    ...(addons ? { addons: [...addons] } : {}),
  }));
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

/** Which combinations the matrix runs: all 27, or a fixed subset that covers every option value twice. */
import { BACKENDS, FRAMEWORKS, TOKEN_STORAGES, type PackageManager } from '../../src/options.js';
import type { Combination } from './generated-app.js';

export function allCombinations(packageManager: PackageManager = 'npm'): Combination[] {
  return FRAMEWORKS.flatMap((framework) =>
    BACKENDS.flatMap((backend) => TOKEN_STORAGES.map((tokenStorage) => ({ framework, backend, tokenStorage, packageManager }))),
  );
}

/**
 * Six combinations in which each framework, backend and token storage appears exactly twice, and
 * no two share more than one value, so a failure points at one option value.
 */
export function subsetCombinations(packageManager: PackageManager = 'npm'): Combination[] {
  const rows = [
    ['react', 'none', 'safe-storage'],
    ['react', 'cloudflare', 'keychain'],
    ['vue', 'node', 'memory'],
    ['vue', 'cloudflare', 'safe-storage'],
    ['vanilla', 'none', 'memory'],
    ['vanilla', 'node', 'keychain'],
  ] as const;
  return rows.map(([framework, backend, tokenStorage]) => ({ framework, backend, tokenStorage, packageManager }));
}

/** How often each value of each option occurs in a list of combinations. */
export function valueCounts(combinations: readonly Combination[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of combinations) {
    for (const key of [`framework=${c.framework}`, `backend=${c.backend}`, `tokenStorage=${c.tokenStorage}`]) {
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

/** Small, pure statistics helpers shared by the benches. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of an unsorted sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty sample');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Median of run-by-run ratios a[i] / b[i]. Runs are interleaved, so pairing the i-th run of each
 * tool cancels most of the machine's slow drifts (other processes, thermal, cache state).
 */
export function medianPairwiseRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`cannot pair ${a.length} runs with ${b.length} runs`);
  return median(a.map((value, i) => value / b[i]!));
}

export function formatMs(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

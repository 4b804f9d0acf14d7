/** Percentiles and formatting for the benches (pure). */

/** Nearest-rank percentile (p in 0..100). Sorts a copy. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  if (samples.length === 0) throw new Error('percentile of an empty sample');
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const us = (value: number): string => `${value.toFixed(1)} µs`;

export function kb(bytes: number): string {
  return `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 1024).toFixed(1)} kB`;
}

export function markdownTable(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

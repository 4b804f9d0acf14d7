import { appendFileSync } from 'node:fs';

/**
 * Prints a bench's markdown section, and appends it to $TRANSPORT_BENCH_OUT when set (the
 * repository's bench driver reads the report from there, free of vitest's own output).
 */
export function publish(markdown: string): void {
  console.log(markdown);
  const out = process.env.TRANSPORT_BENCH_OUT;
  if (out) appendFileSync(out, markdown);
}

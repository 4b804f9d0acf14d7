/**
 * A floor for the scaffold timing: Node doing nothing but write a given set of files (what our CLI
 * writes for the default preset) into a new directory, the way any scaffolder must at least.
 *
 *   node write-files-floor.mjs <input prefix> <target dir>
 *
 * <prefix>.json lists [path, length] in order; <prefix>.bin holds the contents back to back.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [prefix, target] = process.argv.slice(2);
const files = JSON.parse(readFileSync(`${prefix}.json`, 'utf8'));
const data = readFileSync(`${prefix}.bin`);
const made = new Set();
let offset = 0;
for (const [path, length] of files) {
  const file = join(target, path);
  const dir = dirname(file);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(file, data.subarray(offset, offset + length), { flag: 'wx' });
  offset += length;
}

/**
 * Preloaded into the built CLI by the data-safety tests (`node --import`), never shipped: makes the
 * CLI's own file writes (created exclusively, flag 'wx') fail or slow down, so a test can break or
 * interrupt a write half way. Set by the test through the environment:
 *   WRITE_FAULTS_FAIL_AT=<n>   the n-th such write (from 0) throws
 *   WRITE_FAULTS_CODE=<code>   the error's code, e.g. EACCES (default: none)
 *   WRITE_FAULTS_DELAY_MS=<ms> each such write takes this long first
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const failAt = process.env.WRITE_FAULTS_FAIL_AT === undefined ? undefined : Number(process.env.WRITE_FAULTS_FAIL_AT);
const delay = Number(process.env.WRITE_FAULTS_DELAY_MS ?? 0);
const original = fs.writeFileSync;
const pause = new Int32Array(new SharedArrayBuffer(4));
let index = 0;

fs.writeFileSync = function writeFileSync(path, data, options) {
  if (typeof options === 'object' && options?.flag === 'wx') {
    if (index++ === failAt) {
      const error = new Error(`simulated write failure at ${path}`);
      if (process.env.WRITE_FAULTS_CODE) error.code = process.env.WRITE_FAULTS_CODE;
      throw error;
    }
    if (delay > 0) Atomics.wait(pause, 0, 0, delay);
  }
  return original.call(this, path, data, options);
};
syncBuiltinESMExports();

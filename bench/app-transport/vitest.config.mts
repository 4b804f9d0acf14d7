import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import app from '../vitest.config.mjs';

/**
 * Copied into a generated app as bench/ by bench/lib/app-transport.ts of create-electron-clerk-trpc,
 * which runs it with the app's own vitest: the benches import the app's modules, with its aliases.
 */
export default defineConfig({
  ...app,
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    ...app.test,
    include: ['bench/**/*.bench.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
  },
});

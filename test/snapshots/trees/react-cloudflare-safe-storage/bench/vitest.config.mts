import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import app from '../vitest.config.mjs';

/** `npm run bench`: the benches in bench/, one file at a time, with the app's aliases. */
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

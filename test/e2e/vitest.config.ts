/**
 * The e2e project: generated apps installed and exercised for real (minutes per app). Part of the
 * root `npm test` through the root config's `projects`; alone: `npm run test:e2e`.
 * Files run one after another: each already keeps both cores busy.
 */
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 15 * 60_000,
    hookTimeout: 30 * 60_000,
  },
});

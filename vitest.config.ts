import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/snapshots/<preset>/ hold generated apps (with their own tests): data, not tests to run.
    // test/e2e/ installs real apps (minutes each): its own project, also run alone by `npm run test:e2e`.
    // test/kit/ holds the kit's tests: they run inside rendered, installed apps (scripts/lib/kit-tests.ts).
    exclude: ['**/node_modules/**', 'test/snapshots/*/**', 'test/e2e/**', 'test/kit/**'],
    projects: [{ extends: true, test: { name: 'cli' } }, './test/e2e/vitest.config.ts'],
    globalSetup: ['test/cli/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

import { existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';
import { backendSharedLayer } from './src/layers/backend-shared.js';

/**
 * A file the planner writes twice (a layer's `copies`) exists once in templates/: tests that import
 * template sources (test/conformance) read its copy as its source, as a generated app would.
 */
function templateCopies(): Plugin {
  const root = resolve(import.meta.dirname, 'templates');
  const layer = backendSharedLayer({ packageManager: 'npm' });
  const sources = new Map(
    Object.entries(layer.copies ?? {}).map(([from, to]) => [
      resolve(root, layer.templateDir, to),
      // The source is in whichever template folder holds it.
      readdirSync(root)
        .map((dir) => resolve(root, dir, from))
        .find((path) => existsSync(path)),
    ]),
  );
  return {
    name: 'template-copies',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.')) return null;
      const copied = sources.get(resolve(dirname(importer), `${source}.ts`));
      return copied ?? null;
    },
  };
}

export default defineConfig({
  plugins: [templateCopies()],
  test: {
    include: ['test/**/*.test.ts'],
    // test/snapshots/<preset>/ hold generated apps (with their own tests): data, not tests to run.
    // test/e2e/ installs real apps (minutes each): its own project, also run alone by `npm run test:e2e`.
    // test/kit/ holds the kit's tests: they run inside rendered apps (scripts/lib/kit-tests.ts).
    exclude: ['**/node_modules/**', 'test/snapshots/*/**', 'test/e2e/**', 'test/kit/**'],
    projects: [{ extends: true, test: { name: 'cli' } }, './test/e2e/vitest.config.ts'],
    globalSetup: ['test/cli/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

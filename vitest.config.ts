import { existsSync, readdirSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * A template file may import one that another layer provides (the backend's kit/auth.ts
 * re-exports main's src/kit/shared/auth-object.ts): tests that import template sources find it in
 * whichever template folder holds it, as a generated app would.
 */
function templateLayers(): Plugin {
  const root = resolve(import.meta.dirname, 'templates');
  return {
    name: 'template-layers',
    resolveId(source, importer) {
      if (!importer?.startsWith(root) || !source.startsWith('.')) return null;
      const target = resolve(dirname(importer), `${source}.ts`);
      if (existsSync(target)) return null;
      const projectPath = relative(root, target).split(sep).slice(1).join(sep);
      return (
        readdirSync(root)
          .map((dir) => resolve(root, dir, projectPath))
          .find((path) => existsSync(path)) ?? null
      );
    },
  };
}

export default defineConfig({
  plugins: [templateLayers()],
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

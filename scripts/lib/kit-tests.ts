/**
 * The kit's deep tests live in this repository, in test/kit/<template layer>/, and run inside a
 * rendered, installed app: copied into `<app>/.kit-test/` (and `<app>/backend/.kit-test/` for a
 * layer's `backend/` folder), at the same depth as the app's own `test/`, so their relative imports
 * of the app's sources and helpers read the same. Only the layers the app is made of are copied:
 * a test runs where its templates are. They run with the app's own node_modules and vitest.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { VARIANTS } from '../../src/variants/registry.js';
import { selectLayers, type VariantChoice } from '../../src/variants/select.js';
export const KIT_TESTS_DIR = resolve(import.meta.dirname, '..', '..', 'test', 'kit');
export const KIT_TEST_FOLDER = '.kit-test';
export const KIT_TEST_CONFIG = `${KIT_TEST_FOLDER}/vitest.config.mts`;

/** Where the kit tests of an app go: `main` at its root, `backend` in backend/ (when it has one). */
export interface KitTestSuites {
  main: boolean;
  backend: boolean;
}

/** The template layers of a combination that have kit tests, in layer order. */
export function kitTestLayers(choice: VariantChoice): string[] {
  return selectLayers(choice, VARIANTS)
    .map((layer) => layer.templateDir)
    .filter((dir) => existsSync(join(KIT_TESTS_DIR, dir)));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** The app's config with only the kit tests included; the `electron` alias and the rest stay the app's. */
const MAIN_CONFIG = `import { fileURLToPath } from 'node:url';
import appConfig from '../vitest.config.mts';

export default {
  ...appConfig,
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: { ...appConfig.test, include: ['${KIT_TEST_FOLDER}/**/*.test.ts'] },
};
`;

const BACKEND_CONFIG = `import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: { include: ['${KIT_TEST_FOLDER}/**/*.test.ts'], silent: 'passed-only' },
});
`;

/** Type-checks the kit tests with the app's settings for its own tests. */
function tsconfig(root: string, suite: 'main' | 'backend'): string {
  const base =
    suite === 'main'
      ? '../tsconfig.json'
      : existsSync(join(root, 'test', 'tsconfig.json'))
        ? '../test/tsconfig.json'
        : '../tsconfig.json';
  // An explicit pattern: TypeScript's default one skips folders whose name starts with a dot.
  const include = suite === 'main' ? ['./**/*.ts', '../src/kit/main/env.d.ts'] : ['./**/*.ts'];
  return `${JSON.stringify({ extends: base, include }, null, 2)}\n`;
}

/**
 * Copies the kit tests of the app's layers into it, their layers' helpers (test/kit/<layer>/helpers)
 * and the app's own test helpers beside them in `.kit-test/helpers`, and a vitest config.
 */
export function installKitTests(appDir: string, choice: VariantChoice): KitTestSuites {
  removeKitTests(appDir);
  const suites: KitTestSuites = { main: false, backend: false };
  for (const layer of kitTestLayers(choice)) {
    for (const file of filesUnder(join(KIT_TESTS_DIR, layer))) {
      const inBackend = file.startsWith(`backend/`);
      const target = inBackend
        ? join(appDir, 'backend', KIT_TEST_FOLDER, file.slice('backend/'.length))
        : join(appDir, KIT_TEST_FOLDER, file);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(KIT_TESTS_DIR, layer, file), target);
      if (file.endsWith('.test.ts')) suites[inBackend ? 'backend' : 'main'] = true;
    }
  }
  for (const [suite, root, config] of [
    ['main', appDir, MAIN_CONFIG],
    ['backend', join(appDir, 'backend'), BACKEND_CONFIG],
  ] as const) {
    if (!suites[suite]) continue;
    const appHelpers = join(root, 'test', 'helpers');
    if (existsSync(appHelpers)) {
      cpSync(appHelpers, join(root, KIT_TEST_FOLDER, 'helpers'), { recursive: true, force: false });
    }
    writeFileSync(join(root, KIT_TEST_CONFIG), config);
    writeFileSync(join(root, KIT_TEST_FOLDER, 'tsconfig.json'), tsconfig(root, suite));
  }
  return suites;
}

/** Leaves the app as it was written (its lint and format checks would see the copies). */
export function removeKitTests(appDir: string): void {
  for (const root of [appDir, join(appDir, 'backend')]) rmSync(join(root, KIT_TEST_FOLDER), { recursive: true, force: true });
}

/** `node` arguments that type-check one suite's kit tests with the app's TypeScript 7. */
export function kitTypecheckArgs(appDir: string, suiteDir: string): string[] {
  return [join(appDir, 'node_modules', 'typescript-7', 'bin', 'tsc'), '--noEmit', '-p', join(suiteDir, KIT_TEST_FOLDER)];
}

/** The app's vitest (its own install), as `node <entry>` arguments that run one suite's kit tests. */
export function kitTestArgs(suiteDir: string): string[] {
  const vitest = dirname(createRequire(join(suiteDir, 'package.json')).resolve('vitest/package.json'));
  return [join(vitest, 'vitest.mjs'), 'run', '--config', KIT_TEST_CONFIG];
}

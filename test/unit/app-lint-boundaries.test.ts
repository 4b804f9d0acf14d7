/**
 * The generated app's lint keeps its layers apart (templates/base/eslint.config.mjs.hbs): the renderer
 * imports no main or preload code, and the kit (src/kit, backend/src/kit) none of the owner's
 * modules, types excepted. Run with this repository's ESLint on files laid out as in an app.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planProject } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';

const REPO = join(import.meta.dirname, '..', '..');
let app: string;
let eslint: ESLint;

beforeAll(() => {
  // Inside node_modules, so the config's imports (typescript-eslint, globals, ...) resolve to ours.
  app = mkdtempSync(join(REPO, 'node_modules', '.app-lint-'));
  // The vanilla renderer's config: the other frameworks' rules need plugins this repository does not install.
  const plan = planProject(
    {
      projectName: 'lint-app',
      framework: 'vanilla',
      backend: 'cloudflare',
      tokenStorage: 'memory',
      packageManager: 'npm',
      scheme: 'lint',
      addons: [],
    },
    readLayersFrom(join(REPO, 'templates')),
  );
  writeFileSync(join(app, 'eslint.config.mjs'), plan.get('eslint.config.mjs')!);
  eslint = new ESLint({ cwd: app });
});

afterAll(() => rmSync(app, { recursive: true, force: true }));

async function ruleIds(path: string, code: string): Promise<string[]> {
  mkdirSync(dirname(join(app, path)), { recursive: true });
  writeFileSync(join(app, path), code);
  const [result] = await eslint.lintFiles([path]);
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

describe("the generated app's import boundaries", () => {
  it.each([
    ['src/kit/main/planted.ts', "import { appRouter } from '../../main/router';\nexport const planted = appRouter;\n"],
    ['src/kit/renderer/planted.ts', "import { App } from '../../renderer/src/App';\nexport const planted = App;\n"],
    ['backend/src/kit/planted.ts', "export { backendRouter } from '../router';\n"],
  ])('refuses an import of the owner’s code from the kit: %s', async (path, code) => {
    expect(await ruleIds(path, code)).toEqual(['kit/no-owner-imports']);
  });

  it.each([
    ['src/kit/renderer/types-only.ts', "import type { AppRouter } from '../../main/router';\nexport type Planted = AppRouter;\n"],
    ['src/kit/main/inside.ts', "import { router } from './trpc/init';\nexport const planted = router;\n"],
    ['src/main/router.ts', "import { router } from '../kit/main/trpc/init';\nexport const appRouter = router;\n"],
    ['backend/src/router.ts', "import { router } from './kit/trpc';\nexport const backendRouter = router;\n"],
  ])('allows %s', async (path, code) => {
    expect(await ruleIds(path, code)).toEqual([]);
  });

  it("refuses main's code in the renderer, its types excepted", async () => {
    const value = "import { appRouter } from '../../main/router';\nexport const planted = appRouter;\n";
    expect(await ruleIds('src/renderer/src/planted.ts', value)).toEqual(['@typescript-eslint/no-restricted-imports']);
    const type = "import type { AppRouter } from '../../main/router';\nexport type Planted = AppRouter;\n";
    expect(await ruleIds('src/renderer/src/typed.ts', type)).toEqual([]);
  });
});

/**
 * What makes a generated app shippable, pinned in the plan (no install): lint and format,
 * packaging that registers the app's scheme on three OSes, auto-update, real-window tests
 * and AGENTS.md, in every framework × backend × token storage combination.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BACKENDS, FRAMEWORKS, TOKEN_STORAGES, type ProjectOptions } from '../../src/options.js';
import { planProject, type FilePlan } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';
import { KIT_TESTS_DIR } from '../../scripts/lib/kit-tests.js';

const readLayer = readLayersFrom(join(import.meta.dirname, '..', '..', 'templates'));
const SCHEME = 'com.example.shipapp';

const COMBINATIONS: ProjectOptions[] = FRAMEWORKS.flatMap((framework) =>
  BACKENDS.flatMap((backend) =>
    TOKEN_STORAGES.map((tokenStorage) => ({
      projectName: 'ship-app',
      framework,
      backend,
      tokenStorage,
      addons: [],
      packageManager: 'npm' as const,
      scheme: SCHEME,
    })),
  ),
);
const plans = new Map(COMBINATIONS.map((o) => [`${o.framework}-${o.backend}-${o.tokenStorage}`, planProject(o, readLayer)]));
const text = (files: FilePlan, path: string) => {
  const contents = files.get(path);
  if (!contents) throw new Error(`${path} is not in the plan`);
  return contents.toString();
};
const manifest = (files: FilePlan) =>
  JSON.parse(text(files, 'package.json')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };

describe.each([...plans.entries()])('%s', (_name, files) => {
  it('lints and checks formatting (writes nothing), formats on request', () => {
    const { scripts } = manifest(files);
    expect(scripts.lint).toBe('eslint --max-warnings 0 . && prettier --check .');
    expect(scripts.format).toBe('prettier --write .');
    for (const path of ['eslint.config.mjs', '.prettierignore', '.gitattributes']) {
      expect(files.has(path), path).toBe(true);
    }
  });

  it('packages for macOS, Windows and Linux with the scheme registered on all three', () => {
    const config = parse(text(files, 'electron-builder.yml')) as Record<string, any>;
    expect(config.protocols).toEqual([{ name: 'Ship App', schemes: [SCHEME] }]); // macOS Info.plist, Linux .desktop MimeType
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(files.has(config.mac.entitlements)).toBe(true);
    expect(config.win.target).toBe('nsis');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    // Windows: the NSIS installer writes HKCU\Software\Classes\<scheme>.
    const nsh = text(files, 'build/installer.nsh');
    expect(nsh).toContain(`!define APP_URL_SCHEME "${SCHEME}"`);
    expect(nsh).toContain('"URL Protocol"');
    expect(nsh).toContain('shell\\open\\command');
    const icon = files.get('build/icon.png')!;
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width: icns and ico are made from it
    expect(manifest(files).scripts.package).toBe('electron-vite build && electron-builder --publish never');
  });

  it('auto-updates through the updates.* procedures, with a banner in the renderer', () => {
    expect(text(files, 'src/main/router.ts')).toContain('updates: updatesRouter');
    expect(text(files, 'src/kit/main/app.ts')).toContain('startAutoUpdates(');
    expect(existsSync(join(KIT_TESTS_DIR, 'base/updates/update-service.test.ts'))).toBe(true);
    expect(manifest(files).devDependencies).toHaveProperty('electron-updater');
    const banner = [...files.keys()].filter(
      (path) => path.startsWith('src/renderer/') && text(files, path).includes('updates.status'),
    );
    expect(banner).toHaveLength(1);
  });

  it('has real-window tests, type-checked, behind the Node and Electron checks', () => {
    const { scripts, devDependencies } = manifest(files);
    expect(scripts['test:e2e']).toBe(
      'node scripts/doctor.mjs node electron && electron-vite build && playwright test --config e2e/playwright.config.ts',
    );
    expect(scripts.typecheck).toContain('node node_modules/typescript-7/bin/tsc --noEmit -p tsconfig.json');
    expect(JSON.parse(text(files, 'tsconfig.json').replace(/^\s*\/\/.*$/gm, '')).include).toContain('e2e/**/*');
    expect(devDependencies).toHaveProperty('@playwright/test');
    expect(text(files, 'e2e/app-config.ts')).toContain(`export const SCHEME = '${SCHEME}';`);
    for (const path of ['e2e/app.spec.ts', 'e2e/playwright.config.ts']) {
      expect(files.has(path), path).toBe(true);
    }
  });

  it('has AGENTS.md with the commands, the token invariants and the security rules', () => {
    const agents = text(files, 'AGENTS.md');
    for (const fragment of [
      'npm run lint',
      'npm run test:e2e',
      'Never pass tokens by hand',
      'ctx.auth',
      'Only main talks to the network',
      'nodeIntegration',
      'ipcRenderer',
      'Content-Security-Policy',
    ]) {
      expect(agents, fragment).toContain(fragment);
    }
    expect(agents.includes('The backend verifies')).toBe(!_name.includes('-none-'));
  });
});

describe('the framework fills the lint config slot', () => {
  it.each([
    ['react', 'eslint-plugin-react-hooks'],
    ['vue', 'eslint-plugin-vue'],
  ] as const)('%s: %s, in its own layer', (framework, plugin) => {
    const files = plans.get(`${framework}-none-memory`)!;
    expect(text(files, 'eslint.config.mjs')).toContain(`from '${plugin}'`);
    expect(manifest(files).devDependencies).toHaveProperty(plugin);
  });

  it('vanilla: no framework plugin', () => {
    const files = plans.get('vanilla-none-memory')!;
    expect(text(files, 'eslint.config.mjs')).not.toContain('eslint-plugin-');
    expect(Object.keys(manifest(files).devDependencies).filter((name) => name.startsWith('eslint-plugin-'))).toEqual([]);
  });
});

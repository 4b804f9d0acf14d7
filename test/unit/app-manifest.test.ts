/** create-electron-clerk-trpc.json: what it lists, how it hashes, what it never holds. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import type { ProjectOptions } from '../../src/options.js';
import {
  APP_MANIFEST_PATH,
  appManifest,
  fileHash,
  holdsOwnerSettings,
  serializeAppManifest,
  withAppManifest,
  type AppManifest,
} from '../../src/plan/app-manifest.js';
import { planProject } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';

const KEY = `pk_test_${Buffer.from('clerk.example.com$').toString('base64')}`;
const options: ProjectOptions = {
  projectName: 'record-app',
  framework: 'vue',
  backend: 'node',
  tokenStorage: 'keychain',
  addons: ['workers'],
  packageManager: 'pnpm',
  scheme: 'com.example.recordapp',
  clerkPublishableKey: KEY,
};
const readLayer = readLayersFrom(join(import.meta.dirname, '..', '..', 'templates'));
const plan = planProject(options, readLayer);

describe('the app manifest', () => {
  it('hashes the bytes as sha256 in base64, the subresource-integrity form', () => {
    expect(fileHash(Buffer.from('abc'))).toBe('sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    const bytes = plan.get('package.json')!;
    expect(fileHash(bytes)).toBe(`sha256-${createHash('sha256').update(bytes).digest('base64')}`);
  });

  it('lists every planned file but the ones holding the owner’s settings, with its hash, sorted', () => {
    const manifest = appManifest(options, plan, '1.2.3');
    const expected = [...plan.keys()].filter((path) => path !== '.env').sort();
    expect(Object.keys(manifest.files)).toEqual(expected);
    for (const path of expected) expect(manifest.files[path], path).toBe(fileHash(plan.get(path)!));
    expect(plan.has('.env')).toBe(true);
    expect(holdsOwnerSettings('.env')).toBe(true);
    expect(holdsOwnerSettings('backend/.dev.vars')).toBe(true);
    expect(holdsOwnerSettings('backend/.env.example')).toBe(false);
    expect(Object.keys(manifest.files)).toContain('backend/.env.example');
  });

  it('records the CLI version and the options, never the publishable key', () => {
    const written = withAppManifest(plan, options, '1.2.3');
    const json = written.get(APP_MANIFEST_PATH)!.toString('utf8');
    expect(json).not.toContain(KEY);
    expect(json).not.toContain(KEY.slice('pk_test_'.length));
    const manifest = JSON.parse(json) as AppManifest;
    expect(manifest.cliVersion).toBe('1.2.3');
    expect(manifest.options).toEqual({
      name: 'record-app',
      framework: 'vue',
      backend: 'node',
      tokenStorage: 'keychain',
      packageManager: 'pnpm',
      scheme: 'com.example.recordapp',
      addons: ['workers'],
    });
    expect(Object.keys(manifest.files)).not.toContain(APP_MANIFEST_PATH);
  });

  it('records enough to render every listed file again, byte for byte (what an upgrade needs)', () => {
    const recorded = appManifest(options, plan, '1.2.3');
    const { name, ...rest } = recorded.options;
    const again = planProject({ ...(rest as Omit<ProjectOptions, 'projectName'>), projectName: name }, readLayer);
    expect(appManifest(options, again, '1.2.3').files).toEqual(recorded.files);
  });

  it('is the same for the same plan, and changes with any byte of any listed file', () => {
    const once = serializeAppManifest(appManifest(options, plan, '1.2.3'));
    expect(serializeAppManifest(appManifest(options, new Map(plan), '1.2.3'))).toBe(once);
    const edited = new Map(plan).set(
      'src/kit/main/windows.ts',
      Buffer.concat([plan.get('src/kit/main/windows.ts')!, Buffer.from(' ')]),
    );
    const changed = appManifest(options, edited, '1.2.3').files;
    const differing = Object.keys(changed).filter((path) => changed[path] !== appManifest(options, plan, '1.2.3').files[path]);
    expect(differing).toEqual(['src/kit/main/windows.ts']);
  });

  it('is added to the plan in path order, and is formatted the way the app’s Prettier check wants', async () => {
    const written = withAppManifest(plan, options, '1.2.3');
    expect([...written.keys()]).toEqual([...written.keys()].sort());
    expect(written.size).toBe(plan.size + 1);
    const prettierrc = (JSON.parse(plan.get('package.json')!.toString('utf8')) as { prettier: prettier.Options }).prettier;
    const json = written.get(APP_MANIFEST_PATH)!.toString('utf8');
    expect(await prettier.check(json, { ...prettierrc, filepath: APP_MANIFEST_PATH })).toBe(true);
    const none = withAppManifest(plan, { ...options, addons: [] }, '1.2.3')
      .get(APP_MANIFEST_PATH)!
      .toString('utf8');
    expect(await prettier.check(none, { ...prettierrc, filepath: APP_MANIFEST_PATH })).toBe(true);
  });
});

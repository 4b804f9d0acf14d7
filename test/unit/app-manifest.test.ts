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
import { planProject, type FilePlan } from '../../src/plan/planner.js';
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

  it('lists no file when every one is written as rendered', () => {
    expect(appManifest(options, plan, '1.2.3').files).toEqual({});
  });

  it('hashes each file a merge wrote otherwise than rendered, never the ones holding the owner’s settings', () => {
    const written = new Map(plan)
      .set('.env', Buffer.from('MINE=1\n'))
      .set('backend/.env.example', Buffer.from(`MINE=1\n${plan.get('backend/.env.example')!.toString('utf8')}`));
    expect(appManifest(options, written, '1.2.3', plan).files).toEqual({
      'backend/.env.example': fileHash(written.get('backend/.env.example')!),
    });
    expect(holdsOwnerSettings('.env')).toBe(true);
    expect(holdsOwnerSettings('backend/.dev.vars')).toBe(true);
    expect(holdsOwnerSettings('backend/.env.example')).toBe(false);
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

  it('records enough to render every file again, byte for byte, but the owner’s settings (what an upgrade needs)', () => {
    const { name, ...rest } = appManifest(options, plan, '1.2.3').options;
    const again = planProject({ ...(rest as Omit<ProjectOptions, 'projectName'>), projectName: name }, readLayer);
    const ours = (files: FilePlan) => [...files].filter(([path]) => !holdsOwnerSettings(path));
    expect(ours(again).map(([path]) => path)).toEqual(ours(plan).map(([path]) => path));
    for (const [path, bytes] of ours(plan)) expect(again.get(path)!.equals(bytes), path).toBe(true);
  });

  it('is the same for the same plan', () => {
    const once = serializeAppManifest(appManifest(options, plan, '1.2.3'));
    expect(serializeAppManifest(appManifest(options, new Map(plan), '1.2.3', new Map(plan)))).toBe(once);
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

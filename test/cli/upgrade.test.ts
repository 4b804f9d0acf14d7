/**
 * `upgrade` on real apps: made by this repository at an earlier commit (no manifest: --from, options
 * read from the files) and by a pretend earlier release of this checkout (with a manifest), then
 * edited as an owner would, then upgraded by the built CLI.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_PACKAGE_ENV } from '../../src/upgrade/command.js';
import { readTree } from '../../src/upgrade/templates-of-version.js';
import { output, REPO_ROOT, runCli } from './helpers/cli.js';
import { EARLIER_COMMIT, hasCommit, packageAtCommit, pretendRelease, scaffoldWith } from './helpers/earlier-version.js';

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const OPTIONS = ['--name', 'notes-app', '--scheme', 'notesapp', '--no-install', '--no-git', '--yes'];
const SKIP = new Set(['node_modules', '.git']);

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cect-upgrade-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const text = (app: string, path: string) => readFileSync(join(app, path), 'utf8');
const edit = (app: string, path: string, change: (text: string) => string) => {
  const before = text(app, path);
  const after = change(before);
  expect(after, `the edit of ${path} must change it`).not.toBe(before);
  writeFileSync(join(app, path), after);
};

/** The app's files without the upgrade's backup folder. */
function files(app: string): Record<string, string> {
  const tree = readTree(app, SKIP);
  return Object.fromEntries(
    [...tree]
      .filter(([path]) => !path.startsWith('.create-electron-clerk-trpc-backup-'))
      .map(([path, bytes]) => [path, bytes.toString('base64')]),
  );
}

function freshScaffold(name: string): string {
  const app = join(scratch, name);
  scaffoldWith(REPO_ROOT, app, ...OPTIONS);
  return app;
}

describe.skipIf(!hasCommit(EARLIER_COMMIT))('upgrade of an app made at an earlier commit (no manifest)', () => {
  let earlier: string;
  let fresh: string;
  beforeAll(() => {
    earlier = packageAtCommit(EARLIER_COMMIT);
    fresh = freshScaffold('fresh-from-commit');
  }, 120_000);
  afterAll(() => rmSync(earlier, { recursive: true, force: true }));

  const upgrade = (app: string, ...args: string[]) =>
    runCli(['upgrade', '--from', VERSION, '--yes', ...args], { cwd: app, env: { [BASE_PACKAGE_ENV]: earlier } });

  it('without --from, refuses and says how to proceed', async () => {
    const app = join(scratch, 'no-from');
    scaffoldWith(earlier, app, ...OPTIONS);
    const result = await runCli(['upgrade', '--yes'], { cwd: app });
    expect(result.code, output(result)).toBe(1);
    expect(result.stderr).toContain('--from <version>');
  });

  it('turns an unedited app into a fresh scaffold byte for byte, saying what it read from the files', async () => {
    const app = join(scratch, 'unedited-from-commit');
    scaffoldWith(earlier, app, ...OPTIONS);
    const result = await upgrade(app);
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain('framework react: react in package.json');
    expect(result.stdout).toContain('backend cloudflare: backend/wrangler.jsonc');
    expect(result.stdout).toContain('scheme notesapp: electron-builder.yml');
    // The earlier app's .env holds the owner's settings: an upgrade never removes it.
    const { ['.env']: _settings, ...upgraded } = files(app);
    expect(upgraded).toEqual(files(fresh));
  });

  it('keeps every owner edit, merges, and lists each conflict and each file it kept', async () => {
    const app = join(scratch, 'edited-from-commit');
    scaffoldWith(earlier, app, ...OPTIONS);
    edit(app, 'backend/src/router.ts', (t) =>
      t.replace(/^(\s*)health: /m, "$1ping: publicProcedure.query(() => 'pong' as const),\n$1health: "),
    );
    edit(app, 'src/renderer/src/components/Home.tsx', (t) =>
      t.replace('e.g. on sign-out.', 'e.g. on sign-out or a route change.'),
    );
    edit(app, 'package.json', (t) => {
      const manifest = JSON.parse(t) as { scripts: Record<string, string>; dependencies: Record<string, string> };
      manifest.scripts.seed = 'node scripts/seed.mjs';
      manifest.dependencies['date-fns'] = '4.1.0';
      return `${JSON.stringify(manifest, null, 2)}\n`;
    });
    edit(app, '.env', (t) =>
      t.replace(/^VITE_CLERK_PUBLISHABLE_KEY=.*$/m, 'VITE_CLERK_PUBLISHABLE_KEY=pk_test_b3duZXIuY2xlcmsuYWNjb3VudHMuZGV2JA'),
    );
    // A line today's README no longer has, and a file today's default app no longer has.
    edit(app, 'README.md', (t) => t.replace(/^src\/main\/workers\/.*$/m, 'src/main/workers/          our report builders'));
    edit(app, 'src/main/workers/worker-side.ts', (t) => `${t}// used by the report builders\n`);

    const result = await upgrade(app);
    expect(result.code, output(result)).toBe(0);

    expect(text(app, 'backend/src/router.ts')).toContain("ping: publicProcedure.query(() => 'pong' as const),");
    // Today's home screen is a new file, not the old one moved (plan-upgrade's unit tests follow moves):
    // the owner's edited copy stays where it was, and they are told.
    expect(text(app, 'src/renderer/src/components/Home.tsx')).toContain('e.g. on sign-out or a route change.');
    expect(result.stdout).toMatch(/keep\s+src\/renderer\/src\/components\/Home\.tsx.*it imports .+, gone from the templates/);
    const manifest = JSON.parse(text(app, 'package.json')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const today = JSON.parse(text(fresh, 'package.json')) as typeof manifest;
    expect(manifest.scripts).toEqual({ ...today.scripts, seed: 'node scripts/seed.mjs' });
    expect(manifest.dependencies).toEqual({ ...today.dependencies, 'date-fns': '4.1.0' });
    expect(manifest.devDependencies).toEqual(today.devDependencies);
    expect(text(app, '.env')).toContain('VITE_CLERK_PUBLISHABLE_KEY=pk_test_b3duZXIuY2xlcmsuYWNjb3VudHMuZGV2JA');

    expect(result.stdout).toMatch(/CONFLICT\s+README\.md/);
    expect(text(app, 'README.md')).toMatch(
      /<<<<<<< ours\n[\s\S]*?src\/main\/workers\/ {10}our report builders\n[\s\S]*?\|\|\|\|\|\|\| base\n[\s\S]*?=======\n[\s\S]*?>>>>>>> theirs/,
    );
    expect(result.stdout).toMatch(/keep\s+src\/main\/workers\/worker-side\.ts.*it imports \.\/protocol/);
    expect(text(app, 'src/main/workers/worker-side.ts')).toContain('// used by the report builders');
    expect(existsSync(join(app, 'src/main/workers/protocol.ts'))).toBe(false);

    // Every file but the ones edited above is today's, and the manifest records today's files.
    const edited = new Set([
      'backend/src/router.ts',
      'src/renderer/src/screens/Home.tsx',
      'package.json',
      '.env',
      'README.md',
      'create-electron-clerk-trpc.json',
    ]);
    const [mine, theirs] = [files(app), files(fresh)];
    for (const path of Object.keys(theirs).filter((path) => !edited.has(path))) expect(mine[path], path).toBe(theirs[path]);
    expect(JSON.parse(text(app, 'create-electron-clerk-trpc.json'))).toEqual(
      JSON.parse(text(fresh, 'create-electron-clerk-trpc.json')),
    );
  });
});

describe('upgrade of an app with a manifest, made by an earlier release', () => {
  const OLD = '0.0.9';
  let release: string;
  /** Two plain template files of every app: the earlier release had a different first line in each. */
  let changedFiles: string[];
  beforeAll(() => {
    const base = join(REPO_ROOT, 'templates', 'base');
    changedFiles = (readdirSync(join(base, 'src'), { recursive: true }) as string[])
      .map((path) => `src/${path.split('\\').join('/')}`)
      .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))
      .sort()
      .slice(0, 2);
    release = pretendRelease(OLD, (templates) => {
      for (const path of changedFiles) {
        const file = join(templates, 'base', path);
        writeFileSync(file, `// as the earlier release had it\n${readFileSync(file, 'utf8')}`);
      }
      writeFileSync(join(templates, 'base', 'src', 'retired.ts'), 'export const retired = true;\n');
    });
  });
  afterAll(() => rmSync(release, { recursive: true, force: true }));

  const upgrade = (app: string, ...args: string[]) =>
    runCli(['upgrade', ...args], { cwd: app, env: { [BASE_PACKAGE_ENV]: release } });

  it('reads the version and options from the manifest; an unedited app becomes a fresh scaffold byte for byte', async () => {
    const app = join(scratch, 'unedited-release');
    scaffoldWith(release, app, ...OPTIONS, '--framework', 'vue', '--backend', 'node');
    expect(JSON.parse(text(app, 'create-electron-clerk-trpc.json')).cliVersion).toBe(OLD);
    const result = await upgrade(app, '--yes');
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain(`Upgrade from ${OLD} to ${VERSION}`);
    expect(result.stdout).toMatch(/remove\s+src\/retired\.ts/);
    const fresh = join(scratch, 'fresh-vue-node');
    scaffoldWith(REPO_ROOT, fresh, ...OPTIONS, '--framework', 'vue', '--backend', 'node');
    expect(files(app)).toEqual(files(fresh));
  });

  it('merges a file the owner changed (told by the manifest hash) and keeps a retired file the owner changed', async () => {
    const app = join(scratch, 'edited-release');
    scaffoldWith(release, app, ...OPTIONS);
    const [replaced, merged] = changedFiles as [string, string];
    edit(app, merged, (t) => `${t}// the owner's line\n`);
    edit(app, 'src/retired.ts', (t) => `${t}export const stillUsed = true;\n`);

    const dry = await upgrade(app, '--dry-run');
    expect(dry.code, output(dry)).toBe(0);
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(text(app, replaced).startsWith('// as the earlier release had it\n')).toBe(true);

    const result = await upgrade(app, '--yes');
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`update\\s+${replaced}`));
    expect(result.stdout).toMatch(new RegExp(`merge\\s+${merged}`));
    expect(result.stdout).toMatch(/keep\s+src\/retired\.ts/);
    const today = (path: string) => readFileSync(join(REPO_ROOT, 'templates', 'base', path), 'utf8');
    expect(text(app, replaced)).toBe(today(replaced));
    expect(text(app, merged)).toBe(`${today(merged)}// the owner's line\n`);
    expect(text(app, 'src/retired.ts')).toContain('stillUsed');
    const backups = readdirSync(app).filter((name) => name.startsWith('.create-electron-clerk-trpc-backup-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(app, backups[0]!, replaced), 'utf8')).toContain('// as the earlier release had it');
  });
});

describe('add', () => {
  it('adds an add-on to an unedited app: the result is a fresh scaffold with it, byte for byte', async () => {
    const app = join(scratch, 'add-workers');
    scaffoldWith(REPO_ROOT, app, ...OPTIONS);
    const result = await runCli(['add', 'workers', '--yes'], { cwd: app });
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toMatch(/add\s+\S*workers\//);
    const fresh = join(scratch, 'fresh-with-workers');
    scaffoldWith(REPO_ROOT, fresh, ...OPTIONS, '--with', 'workers');
    expect(files(app)).toEqual(files(fresh));

    const again = await runCli(['add', 'workers', '--yes'], { cwd: app });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has the workers add-on');
  });

  it('adds a backend to an app that had none, keeping an owner edit in a shared file', async () => {
    const app = join(scratch, 'add-backend');
    scaffoldWith(REPO_ROOT, app, ...OPTIONS, '--backend', 'none');
    edit(app, 'package.json', (t) => t.replace('"scripts": {', '"scripts": {\n    "seed": "node seed.mjs",'));
    const result = await runCli(['add', 'backend', 'node', '--yes'], { cwd: app });
    expect(result.code, output(result)).toBe(0);
    expect(existsSync(join(app, 'backend/src/router.ts'))).toBe(true);
    const fresh = join(scratch, 'fresh-node');
    scaffoldWith(REPO_ROOT, fresh, ...OPTIONS, '--backend', 'node');
    const manifest = JSON.parse(text(app, 'package.json')) as { scripts: Record<string, string> };
    expect(manifest.scripts).toEqual({
      ...(JSON.parse(text(fresh, 'package.json')) as typeof manifest).scripts,
      seed: 'node seed.mjs',
    });
    expect(JSON.parse(text(app, 'create-electron-clerk-trpc.json'))).toEqual(
      JSON.parse(text(fresh, 'create-electron-clerk-trpc.json')),
    );
  });

  it('refuses outside an app and names what it needs', async () => {
    const empty = mkdtempSync(join(scratch, 'empty-'));
    const outside = await runCli(['upgrade'], { cwd: empty });
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('has no package.json');
    const app = join(scratch, 'add-unknown');
    scaffoldWith(REPO_ROOT, app, ...OPTIONS);
    const unknown = await runCli(['add', 'telemetry'], { cwd: app });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('got "telemetry"');
  });
});

describe('upgrade of an app already made by this version', () => {
  it('writes nothing, not even a backup folder', async () => {
    const app = join(scratch, 'current');
    scaffoldWith(REPO_ROOT, app, ...OPTIONS);
    const before = files(app);
    const result = await runCli(['upgrade', '--yes'], { cwd: app });
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain('Nothing to write: the app is up to date.');
    expect(readdirSync(app).filter((name) => name.startsWith('.create-electron-clerk-trpc-backup-'))).toEqual([]);
    expect(files(app)).toEqual(before);
  });
});

describe('the files of the version that made the app', () => {
  it('refuses, saying how to go on, when that version cannot be fetched', async () => {
    const app = join(scratch, 'unreachable-version');
    scaffoldWith(REPO_ROOT, app, ...OPTIONS);
    const result = await runCli(['upgrade', '--from', '0.0.0-never-published', '--yes'], {
      cwd: app,
      env: { npm_config_offline: 'true', npm_config_cache: join(scratch, 'empty-npm-cache') },
    });
    expect(result.code, output(result)).toBe(1);
    expect(result.stderr).toContain('cannot get create-electron-clerk-trpc@0.0.0-never-published');
    expect(result.stderr).toContain('--base-package <folder>');
    expect(JSON.parse(text(app, 'create-electron-clerk-trpc.json')).cliVersion).toBe(VERSION);
  });

  it('refuses a --base-package folder that holds another version', async () => {
    const app = join(scratch, 'wrong-package');
    scaffoldWith(REPO_ROOT, app, ...OPTIONS);
    const result = await runCli(['upgrade', '--from', '0.0.1', '--base-package', REPO_ROOT], { cwd: app });
    expect(result.code, output(result)).toBe(1);
    expect(result.stderr).toContain(`is not create-electron-clerk-trpc 0.0.1 (found version ${VERSION})`);
  });
});

describe('upgrade in a git work tree', () => {
  it('warns about uncommitted changes before the plan, and says nothing once they are committed', async () => {
    const app = join(scratch, 'in-git');
    scaffoldWith(REPO_ROOT, app, ...OPTIONS.filter((flag) => flag !== '--no-git'));
    const clean = await runCli(['add', 'workers', '--dry-run'], { cwd: app });
    expect(clean.code, output(clean)).toBe(0);
    expect(clean.stderr).not.toContain('uncommitted changes');
    edit(app, 'README.md', (t) => `${t}\nMy notes.\n`);
    const dirty = await runCli(['add', 'workers', '--dry-run'], { cwd: app });
    expect(dirty.code, output(dirty)).toBe(0);
    expect(dirty.stderr).toContain('this app has uncommitted changes: commit them first');
  });
});

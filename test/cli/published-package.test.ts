/**
 * The package as npm would publish it (npm pack), unpacked somewhere else and run: bin/, dist/ and
 * the templates/ folder, writing exactly what the planner plans from the sources (the bundle
 * renders precompiled templates; the source planner compiles them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeAnswers, toProjectOptions } from '../../src/cli/resolve.js';
import type { Answers } from '../../src/cli/options-table.js';
import { withAppManifest } from '../../src/plan/app-manifest.js';
import { planProject } from '../../src/plan/planner.js';
import { readLayersFrom } from '../../src/plan/template-files.js';
import { baseEnv, npmSync, ON_WINDOWS, REPO_ROOT } from './helpers/cli.js';

let sandbox: string;
let tarballEntries: string[];
let packedBin: string;
let tarballName: string;

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'cect-published-'));
  // dist/ is fresh (global setup builds it), so the prepare script need not run again.
  const packed = JSON.parse(
    npmSync(['pack', '--json', '--ignore-scripts', '--pack-destination', sandbox], { cwd: REPO_ROOT, env: baseEnv() }),
  ) as { filename: string }[];
  tarballName = packed[0]!.filename;
  const tarball = join(sandbox, tarballName);
  tarballEntries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  execFileSync('tar', ['-xzf', tarball, '-C', sandbox]);
  packedBin = join(sandbox, 'package', 'bin', 'create-electron-clerk-trpc.js');
}, 60_000);
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

function filesUnder(root: string): Map<string, Buffer> {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    entries.map((entry) => {
      const full = join(entry.parentPath, entry.name);
      return [
        full
          .slice(root.length + 1)
          .split('\\')
          .join('/'),
        readFileSync(full),
      ];
    }),
  );
}

describe('the packed package', () => {
  it('ships bin/, dist/, docs/CLI.md and every template file, and nothing else', () => {
    expect(tarballEntries).toContain('package/dist/index.js');
    expect(tarballEntries).toContain('package/docs/CLI.md');
    // npm leaves some names out of tarballs (.gitignore, .npmrc, …): every template file must survive.
    const templateFiles = execFileSync('git', ['ls-files', 'templates'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim().split('\n');
    const shippedTemplates = new Set(
      tarballEntries.filter((entry) => entry.startsWith('package/templates/')).map((entry) => entry.slice('package/'.length)),
    );
    const isModule = (file: string) => /\/(variant|addon)\.ts$/.test(file);
    expect(templateFiles.filter((file) => !isModule(file) && !shippedTemplates.has(file))).toEqual([]);
    // Variant and add-on modules describe a template folder to the CLI (bundled into dist/); they are not app files.
    expect(tarballEntries.filter(isModule)).toEqual([]);
    expect(
      tarballEntries.every((entry) => /^package\/(bin|dist|templates)\/|^package\/docs\/CLI\.md$|^package\/[^/]+$/.test(entry)),
    ).toBe(true);
  });

  it('--help points to documentation the package ships', () => {
    const help = execFileSync(process.execPath, [packedBin, '--help'], { env: baseEnv(), encoding: 'utf8' });
    const docs = /Docs: (.+)/.exec(help)![1]!;
    expect(docs).toBe(join(sandbox, 'package', 'docs', 'CLI.md'));
    expect(readFileSync(docs, 'utf8')).toContain('# The CLI: create-electron-clerk-trpc');
  });

  it.skipIf(ON_WINDOWS)(
    'runs as the README says, with npx and the tarball, and prints that same npx form to repeat it',
    () => {
      const work = join(sandbox, 'npx-work');
      mkdirSync(work);
      cpSync(join(sandbox, tarballName), join(work, tarballName));
      const npx = (args: string[]) =>
        spawnSync('npx', ['--yes', ...args], {
          cwd: work,
          env: baseEnv({ npm_config_update_notifier: 'false' }),
          encoding: 'utf8',
        });
      const first = npx([`./${tarballName}`, 'first-app', '--no-install', '--no-git', '--backend', 'none']);
      expect(first.status, first.stderr).toBe(0);
      const command = /Equivalent command:\n {2}(.+)\n/.exec(first.stdout)![1]!;
      expect(command.startsWith(`npx ./${tarballName} first-app `)).toBe(true);
      expect(existsSync(join(work, 'first-app', 'package.json'))).toBe(true);
    },
    60_000,
  );

  it.each([
    { framework: 'react', backend: 'cloudflare', tokenStorage: 'safe-storage', packageManager: 'npm' },
    { framework: 'vue', backend: 'node', tokenStorage: 'keychain', packageManager: 'pnpm' },
    { framework: 'vanilla', backend: 'none', tokenStorage: 'memory', packageManager: 'yarn' },
  ] as const)('writes exactly what the source planner plans: $framework, $backend, $tokenStorage, $packageManager', (choice) => {
    const work = join(sandbox, `${choice.framework}-work`);
    mkdirSync(work);
    execFileSync(
      process.execPath,
      [
        packedBin,
        'pub-app',
        '--framework',
        choice.framework,
        '--backend',
        choice.backend,
        '--token-storage',
        choice.tokenStorage,
        '--package-manager',
        choice.packageManager,
        '--no-install',
        '--no-git',
        '--yes',
      ],
      { cwd: work, env: baseEnv(), stdio: 'pipe' },
    );
    const answers = completeAnswers(choice as Partial<Answers>, { projectName: 'pub-app', detectedPackageManager: undefined });
    const options = toProjectOptions('pub-app', answers);
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const planned = withAppManifest(planProject(options, readLayersFrom(join(REPO_ROOT, 'templates'))), options, version);
    const written = filesUnder(join(work, 'pub-app'));
    expect([...written.keys()].sort()).toEqual([...planned.keys()].sort());
    for (const [path, contents] of planned) expect(written.get(path)!.equals(contents), path).toBe(true);
  });

  it('says how to fix an installation that lost its templates folder, exits 1 and writes nothing', () => {
    const broken = join(sandbox, 'broken');
    cpSync(join(sandbox, 'package'), broken, { recursive: true });
    rmSync(join(broken, 'templates'), { recursive: true });
    const work = join(sandbox, 'broken-work');
    mkdirSync(work);
    const result = spawnSync(
      process.execPath,
      [join(broken, 'bin', 'create-electron-clerk-trpc.js'), 'app', '--no-install', '--no-git', '--yes'],
      {
        cwd: work,
        env: baseEnv(),
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`has no templates folder (${join(broken, 'templates')}). Reinstall it`);
    expect(existsSync(join(work, 'app'))).toBe(false);
  });
});

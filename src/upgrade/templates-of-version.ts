/**
 * The files a given version of this CLI writes for given options: rendered in process when that
 * version is this one, else by running that version's own CLI (its templates need its planner) in a
 * temporary folder. The package comes from a folder the caller names, or from the registry (npm pack).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { ProjectOptions } from '../options.js';
import type { FilePlan } from '../plan/planner.js';

export const PACKAGE_NAME = 'create-electron-clerk-trpc';
const BIN = 'bin/create-electron-clerk-trpc.js';

/** Every file under `root` but those in `skipped` folders, path (forward slashes) → bytes, sorted. */
export function readTree(root: string, skipped: ReadonlySet<string> = new Set()): FilePlan {
  const files = new Map<string, Buffer>();
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory() && skipped.has(entry.name)) continue;
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.set(prefix + entry.name, readFileSync(join(folder, entry.name)));
    }
  };
  walk(root, '');
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The command line that makes the same app with an earlier CLI (no install, no git, no questions). */
export function scaffoldArgs(target: string, options: ProjectOptions): string[] {
  return [
    target,
    ...['--name', options.projectName, '--framework', options.framework, '--backend', options.backend],
    ...['--token-storage', options.tokenStorage, '--package-manager', options.packageManager, '--scheme', options.scheme],
    // Versions before add-ons existed have no --with.
    ...(options.addons.length > 0 ? ['--with', options.addons.join(',')] : []),
    ...['--no-install', '--no-git', '--yes', '--no-interactive'],
  ];
}

/** Renders with the package in `packageDir` (its bin and built dist), checking it is `version`. */
export async function renderWithPackage(packageDir: string, version: string, options: ProjectOptions): Promise<FilePlan> {
  const manifestPath = join(packageDir, 'package.json');
  const found = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { version?: string }).version
    : undefined;
  if (found !== version || !existsSync(join(packageDir, BIN))) {
    throw new UsageError(
      `${packageDir} is not ${PACKAGE_NAME} ${version} (found ${found === undefined ? 'no package' : `version ${found}`}).`,
    );
  }
  const { execa } = await import('execa');
  const scratch = mkdtempSync(join(tmpdir(), 'cect-base-'));
  try {
    const app = join(scratch, 'app');
    const result = await execa(process.execPath, [join(packageDir, BIN), ...scaffoldArgs(app, options)], {
      all: true,
      reject: false,
      stdin: 'ignore',
      env: { CI: '1', NO_COLOR: '1' },
    });
    if (result.exitCode !== 0) {
      throw new UsageError(`${PACKAGE_NAME} ${version} could not render the app's first files:\n${result.all ?? ''}`);
    }
    return readTree(app);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Fetches the published package of `version` (npm pack) and renders with it. */
export async function renderWithPublished(version: string, options: ProjectOptions): Promise<FilePlan> {
  const { execa } = await import('execa');
  const scratch = mkdtempSync(join(tmpdir(), 'cect-package-'));
  try {
    const packed = await execa('npm', ['pack', `${PACKAGE_NAME}@${version}`], {
      cwd: scratch,
      reject: false,
      stdin: 'ignore',
    });
    const tarball = packed.exitCode === 0 ? packed.stdout.trim().split('\n').at(-1) : undefined;
    const unpacked = tarball ? await execa('tar', ['-xzf', tarball], { cwd: scratch, reject: false }) : undefined;
    if (!tarball || unpacked?.exitCode !== 0) {
      throw new UsageError(
        `cannot get ${PACKAGE_NAME}@${version}, the version that made this app (npm pack failed: ${
          packed.stderr
            .split('\n')
            .filter((line) => /\berr/i.test(line))
            .slice(0, 2)
            .join(' ')
            .trim() || `exit code ${packed.exitCode}`
        }).\n` +
          'Its templates are needed to tell your changes from ours. Either go online and run this again, or put that\n' +
          `version's package in a folder (npm pack ${PACKAGE_NAME}@${version}, then unpack it) and pass it:\n` +
          `  --base-package <folder>`,
      );
    }
    return await renderWithPackage(join(scratch, 'package'), version, options);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

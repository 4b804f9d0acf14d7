/** Runs the package manager's install in the new project. */
import type { Output } from '../core/output.js';
import type { PackageManager } from '../options.js';
import { findExecutable, PM_COMMANDS, type PathLookup } from '../package-managers.js';
import { isExecutableFile } from './executables.js';
import { startProgress } from './progress.js';

export interface InstallResult {
  ok: boolean;
  /** The package manager's combined output, shown when it failed */
  output: string;
  /** Why it failed, in one line */
  reason?: string;
  /** Stopped by Ctrl+C (the caller prints one line about it; nothing here does) */
  cancelled?: boolean;
}

/**
 * The install command as a file and its arguments. The file is the one PATH finds (on Windows the
 * `.cmd` shim, which execa runs through cmd.exe with its arguments escaped); the bare name when
 * none is found, so the failure says that it was not found.
 */
export function installCommand(packageManager: PackageManager, lookup: PathLookup): [string, string[]] {
  const [name, ...args] = PM_COMMANDS[packageManager].install.split(' ');
  return [findExecutable(name!, lookup) ?? name!, args];
}

/**
 * The environment is passed through untouched: a user who sets ELECTRON_SKIP_BINARY_DOWNLOAD (or a
 * registry, proxy, cache) gets it honoured; we never set it for them.
 */
export async function installDependencies(
  directory: string,
  packageManager: PackageManager,
  output: Output,
  signal?: AbortSignal,
): Promise<InstallResult> {
  const { execa } = await import('execa');
  const [command, args] = installCommand(packageManager, {
    env: process.env,
    platform: process.platform,
    isExecutable: isExecutableFile,
  });
  const progress = startProgress(output, `Installing dependencies with ${packageManager}`);
  const result = await execa(command, args, {
    cwd: directory,
    all: true,
    reject: false,
    stdin: 'ignore',
    // Yarn Berry refuses to create a lockfile on CI (immutable installs); a new project has none yet.
    ...(packageManager === 'yarn' ? { env: { YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' } } : {}),
    ...(signal ? { cancelSignal: signal } : {}),
  });
  const ok = result.exitCode === 0 && !result.failed;
  // Ctrl+C in a terminal reaches the package manager too, which may exit before our signal is seen.
  const cancelled =
    !ok && (signal?.aborted === true || result.isCanceled || result.signal === 'SIGINT' || result.exitCode === 130);
  if (cancelled) {
    progress.stop();
    return { ok: false, output: result.all ?? '', reason: 'cancelled', cancelled: true };
  }
  progress.stop(ok ? output.colors.green('Dependencies installed') : output.colors.red('Install failed'));
  if (ok) return { ok, output: '' };
  const reason =
    (result as { code?: string }).code === 'ENOENT'
      ? `${packageManager} was not found on PATH`
      : result.isCanceled
        ? 'cancelled'
        : `${packageManager} ${args.join(' ')} exited with code ${result.exitCode ?? result.signal}`.replace(/ +/g, ' ');
  return { ok: false, output: result.all ?? '', reason };
}

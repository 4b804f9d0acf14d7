/**
 * How this CLI was started, as the words to type to start it the same way again: the prefix of the
 * "Equivalent command" and of every command an error suggests (also for the next steps).
 */
import { readFileSync } from 'node:fs';
import { currentShell, type Shell } from '../core/shell.js';
import { detectPackageManager, runPublishedCommand } from '../package-managers.js';

export const PACKAGE_NAME = 'create-electron-clerk-trpc';

export interface InvocationInput {
  env: NodeJS.ProcessEnv;
  /** process.argv[1]: the bin script as started */
  scriptPath: string | undefined;
  cwd: string;
  version: string;
  /** Reads a file or returns undefined (injected for tests) */
  readText?: (path: string) => string | undefined;
  /** The shell to quote for, and the platform's paths; default: this process's */
  shell?: Shell;
}

function readTextOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Relative to cwd when below it, absolute otherwise. */
function shownPath(paths: Shell['path'], cwd: string, path: string): string {
  const rel = paths.relative(cwd, path);
  return rel === '' || rel === '..' || rel.startsWith(`..${paths.sep}`) || paths.isAbsolute(rel) ? path : rel;
}

/**
 * npx installs what it runs into `_npx/<hash>/`, whose package.json names the spec it was given:
 * a version for a registry run, `file:…` for a tarball or a folder.
 */
function npxSpec(
  scriptPath: string,
  readText: (path: string) => string | undefined,
  sep: string,
): { root: string; spec: string | undefined } | undefined {
  const parts = scriptPath.split(sep);
  const at = parts.lastIndexOf('_npx');
  if (at === -1 || at + 1 >= parts.length) return undefined;
  const root = parts.slice(0, at + 2).join(sep);
  const manifest = readText(`${root}${sep}package.json`);
  if (manifest === undefined) return undefined;
  try {
    const deps = (JSON.parse(manifest) as { dependencies?: Record<string, string> }).dependencies ?? {};
    return { root, spec: deps[PACKAGE_NAME] };
  } catch {
    return undefined;
  }
}

export function invocationPrefix({
  env,
  scriptPath,
  cwd,
  version,
  readText = readTextOrUndefined,
  shell = currentShell(process.platform, env),
}: InvocationInput): string {
  const published = `${PACKAGE_NAME}@${version}`;
  if (scriptPath === undefined) return `npx ${published}`;
  const paths = shell.path;
  const script = paths.resolve(cwd, scriptPath);
  const inNodeModules = script.split(paths.sep).includes('node_modules');
  if (!inNodeModules) return `node ${shell.quote(shownPath(paths, cwd, script))}`;

  const npx = npxSpec(script, readText, paths.sep);
  if (npx?.spec?.startsWith('file:')) {
    // npm records a tarball or folder relative to its _npx/<hash> folder.
    const absolute = paths.resolve(npx.root, npx.spec.slice('file:'.length));
    const shown = shownPath(paths, cwd, absolute);
    // npx takes a path for a local package only when it looks like one (./x.tgz, C:\x.tgz).
    return `npx ${shell.quote(paths.isAbsolute(shown) || shown.startsWith('.') ? shown : `.${paths.sep}${shown}`)}`;
  }
  return runPublishedCommand(detectPackageManager(env.npm_config_user_agent), env.npm_config_user_agent, published);
}

/**
 * How this CLI was started, as the words to type to start it the same way again: the prefix of the
 * "Equivalent command" and of every command an error suggests (also for the next steps).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { shellQuote } from '../core/output.js';
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
}

function readTextOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Relative to cwd when below it, absolute otherwise. */
function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/**
 * npx installs what it runs into `_npx/<hash>/`, whose package.json names the spec it was given:
 * a version for a registry run, `file:…` for a tarball or a folder.
 */
function npxSpec(
  scriptPath: string,
  readText: (path: string) => string | undefined,
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

export function invocationPrefix({ env, scriptPath, cwd, version, readText = readTextOrUndefined }: InvocationInput): string {
  const published = `${PACKAGE_NAME}@${version}`;
  if (scriptPath === undefined) return `npx ${published}`;
  const script = resolve(cwd, scriptPath);
  const inNodeModules = script.split(sep).includes('node_modules');
  if (!inNodeModules) return `node ${shellQuote(shownPath(cwd, script))}`;

  const npx = npxSpec(script, readText);
  if (npx?.spec?.startsWith('file:')) {
    // npm records a tarball or folder relative to its _npx/<hash> folder.
    const absolute = resolve(npx.root, npx.spec.slice('file:'.length));
    const shown = shownPath(cwd, absolute);
    return `npx ${shellQuote(shown.startsWith('/') || shown.startsWith('.') ? shown : `./${shown}`)}`;
  }
  return runPublishedCommand(detectPackageManager(env.npm_config_user_agent), env.npm_config_user_agent, published);
}

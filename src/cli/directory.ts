/** The directory argument → the folder to write into and the package name it implies. */
import { basename, resolve } from 'node:path';

export interface Place {
  /** The folder as the user will see and type it (relative to cwd as given) */
  folder: string;
  /** Absolute path */
  target: string;
  /** The package name the directory implies: the folder's name, or the scoped name that was typed */
  impliedName: string;
  /** Set when a scoped name was given: "@acme/my_app" is written into "my_app" */
  scope?: string;
}

/**
 * Like create-vite, a scoped package name given as the directory (`@acme/my-app`) names the
 * package; the folder is the part after the slash (`my-app`), not `@acme/my-app` nested.
 */
export function placeFor(cwd: string, directory: string): Place {
  const trimmed = directory.trim().replace(/(.)\/+$/, '$1');
  const scoped = /^(@[^/\s]+)\/([^/\s]+)$/.exec(trimmed);
  if (scoped) {
    return { folder: scoped[2]!, target: resolve(cwd, scoped[2]!), impliedName: trimmed, scope: scoped[1]! };
  }
  const target = resolve(cwd, trimmed);
  return { folder: trimmed, target, impliedName: basename(target) };
}

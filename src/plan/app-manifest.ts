/**
 * The record every generated app keeps at its root, create-electron-clerk-trpc.json: the CLI version
 * that made it, the options and add-ons it was made with, and a hash of each file the CLI wrote, so
 * a later upgrade can tell the files the owner changed from the ones still as we wrote them.
 * (Not to be confused with the app's package.json, built in ./manifest.ts.)
 */
import { createHash } from 'node:crypto';
import { isDotenvPath } from '../core/dotenv-merge.js';
import type { ProjectOptions } from '../options.js';
import type { FilePlan } from './planner.js';

export const APP_MANIFEST_PATH = 'create-electron-clerk-trpc.json';

export interface AppManifest {
  cliVersion: string;
  /** What the app was made with; never the publishable key (it is the owner's, in .env) */
  options: {
    name: string;
    framework: string;
    backend: string;
    tokenStorage: string;
    packageManager: string;
    scheme: string;
    addons: readonly string[];
  };
  /** Path → `sha256-<base64>` of the bytes written, sorted by path */
  files: Record<string, string>;
}

/**
 * Files that hold the owner's own settings (`.env`, `.dev.vars`; not the `.example` files): left
 * out, because their values are the owner's from the first run on, and an upgrade never replaces them.
 */
export function holdsOwnerSettings(path: string): boolean {
  return isDotenvPath(path) && !path.endsWith('.example');
}

/** Subresource-integrity form, as package-lock.json's `integrity`. */
export function fileHash(contents: Buffer): string {
  return `sha256-${createHash('sha256').update(contents).digest('base64')}`;
}

/** Pure: the manifest of a plan, exactly as it will be written (the plan holds the final bytes). */
export function appManifest(options: ProjectOptions, plan: FilePlan, cliVersion: string): AppManifest {
  const paths = [...plan.keys()].filter((path) => path !== APP_MANIFEST_PATH && !holdsOwnerSettings(path)).sort();
  return {
    cliVersion,
    options: {
      name: options.projectName,
      framework: options.framework,
      backend: options.backend,
      tokenStorage: options.tokenStorage,
      packageManager: options.packageManager,
      scheme: options.scheme,
      addons: [...options.addons],
    },
    files: Object.fromEntries(paths.map((path) => [path, fileHash(plan.get(path)!)])),
  };
}

/** Two-space JSON as Prettier leaves it (a short list of strings on one line), so the app's lint passes. */
export function serializeAppManifest(manifest: AppManifest): string {
  const text = JSON.stringify(manifest, null, 2).replace(
    /\[\n\s+("[^\n]*"(?:,\n\s+"[^\n]*")*)\n\s*\]/g,
    (_match, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`,
  );
  return `${text}\n`;
}

/** The plan with its manifest added: what the CLI writes and what `--dry-run` lists. */
export function withAppManifest(plan: FilePlan, options: ProjectOptions, cliVersion: string): FilePlan {
  const manifest = Buffer.from(serializeAppManifest(appManifest(options, plan, cliVersion)));
  return new Map([...plan, [APP_MANIFEST_PATH, manifest] as const].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

import type { PackageName } from '../versions.js';
import type { ProjectOptions } from '../options.js';

/**
 * A layer is one template folder plus what it adds to the generated package.json.
 * Layers are applied in order (base, framework, backend, storage); a later layer's file
 * replaces an earlier layer's file at the same path, and its scripts override by name.
 */
export interface Layer {
  /** Folder under templates/ */
  templateDir: string;
  dependencies?: readonly PackageName[];
  devDependencies?: readonly PackageName[];
  scripts?: Readonly<Record<string, string>>;
  /** Packages whose install scripts the app needs (npm allowScripts, pnpm onlyBuiltDependencies). */
  installScripts?: readonly string[];
  /**
   * Packages with install scripts the app does not need: denied by name so that no package
   * manager asks about them (pnpm 11+ fails the install on any build script it was not told about).
   */
  ignoredInstallScripts?: readonly string[];
  /** Extra top-level package.json fields, shallow-merged (e.g. workspaces). */
  manifest?: Readonly<Record<string, unknown>>;
}

export type LayerFactory = (options: ProjectOptions) => Layer;

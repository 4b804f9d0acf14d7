import type { PackageManager } from '../package-managers.js';
import type { PackageName } from '../versions.js';
import type { ScriptEdit } from './scripts.js';
import type { FeatureName, SlotName } from './slots.js';

/**
 * A layer is one template folder plus what it adds to the generated package.json and to the shared
 * templates' slots. Layers are applied in order (base, renderer, backend, storage); a later layer's
 * file replaces an earlier layer's file at the same path, and its script edits apply on top of the
 * scripts the earlier layers composed.
 */
export interface Layer {
  /** Folder under templates/ */
  templateDir: string;
  dependencies?: readonly PackageName[];
  devDependencies?: readonly PackageName[];
  /** Script name → how this layer sets or extends it (src/layers/scripts.ts). */
  scripts?: Readonly<Record<string, ScriptEdit>>;
  /** Packages whose install scripts the app needs (npm allowScripts, pnpm onlyBuiltDependencies). */
  installScripts?: readonly string[];
  /**
   * Packages with install scripts the app does not need: denied by name so that no package
   * manager asks about them (pnpm 11+ fails the install on any build script it was not told about).
   */
  ignoredInstallScripts?: readonly string[];
  /** Dependencies of dependencies the app never loads: no package manager installs them (src/package-managers.ts). */
  unusedDependencies?: readonly string[];
  /** Extra top-level package.json fields, shallow-merged (e.g. workspaces). */
  manifest?: Readonly<Record<string, unknown>>;
  /**
   * What this layer puts into the shared templates' named slots (src/layers/slots.ts). Longer
   * text goes in files instead: `templates/<dir>/slots/<slot>.hbs`, rendered and added the same way.
   */
  slots?: SlotContributions;
  /** Capabilities the shared templates may test for (`{{#if features.remoteApi}}`). */
  features?: readonly FeatureName[];
}

export type SlotContributions = { readonly [Name in SlotName]?: string | readonly string[] };

/**
 * What layers may depend on: only the package manager (the commands in scripts and slots). Every
 * other choice is expressed by which layers are selected. (ProjectOptions satisfies this.)
 */
export interface LayerOptions {
  readonly packageManager: PackageManager;
}

export type LayerFactory = (options: LayerOptions) => Layer;

import type { PackageManager } from './package-managers.js';
import type { BuiltInBackend, BuiltInFramework, BuiltInTokenStorage } from './variants/registry.js';

export { PACKAGE_MANAGERS, type PackageManager } from './package-managers.js';

// The choices come from the variant registry (templates/*/variant.ts, listed in src/variants/registry.ts).
export { ADDON_IDS, BACKENDS, FRAMEWORKS, TOKEN_STORAGES } from './variants/registry.js';
export type Framework = BuiltInFramework;
export type Backend = BuiltInBackend;
export type TokenStorage = BuiltInTokenStorage;

/** The resolved answers the planner works from. The CLI's option table (src/cli) produces this. */
export interface ProjectOptions {
  /** npm package name of the generated app, e.g. "my-app" */
  projectName: string;
  framework: Framework;
  backend: Backend;
  tokenStorage: TokenStorage;
  packageManager: PackageManager;
  /** Opt-in add-ons by id (`--with`), sorted, each once; [] for none */
  addons: readonly string[];
  /** Custom URL scheme: packaged renderer origin is `${scheme}://renderer` */
  scheme: string;
  /** Validated publishable key, or undefined when the user will set it later */
  clerkPublishableKey?: string;
}

/** The resolved answers the planner works from. The CLI's option table (src/cli) produces this. */
export const FRAMEWORKS = ['react', 'vue', 'vanilla'] as const;
export const BACKENDS = ['cloudflare', 'node', 'none'] as const;
export const TOKEN_STORAGES = ['safe-storage', 'keychain', 'memory'] as const;
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;

export type Framework = (typeof FRAMEWORKS)[number];
export type Backend = (typeof BACKENDS)[number];
export type TokenStorage = (typeof TOKEN_STORAGES)[number];
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export interface ProjectOptions {
  /** npm package name of the generated app, e.g. "my-app" */
  projectName: string;
  framework: Framework;
  backend: Backend;
  tokenStorage: TokenStorage;
  packageManager: PackageManager;
  /** Custom URL scheme: packaged renderer origin is `${scheme}://renderer` */
  scheme: string;
  /** Validated publishable key, or undefined when the user will set it later */
  clerkPublishableKey?: string;
}

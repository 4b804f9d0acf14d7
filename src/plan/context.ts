import type { PackageManager, ProjectOptions } from '../options.js';
import { VERSIONS, type PackageName } from '../versions.js';

/** Package name → version range; the real one is VERSIONS, snapshot tests pass placeholders. */
export type VersionMap = Readonly<Record<PackageName, string>>;

/** The commands a user types for each package manager, used in templates and "next steps". */
export interface PackageManagerCommands {
  install: string;
  /** Prefix to run a package.json script: `npm run`, `pnpm`, `yarn`, `bun run` */
  run: string;
  /**
   * The same inside package.json scripts, where a script name must never be taken for one of the
   * package manager's own commands (`pnpm deploy` is pnpm's, not the script)
   */
  runScript: string;
  /** Run a binary from node_modules: `npx`, `pnpm exec`, `yarn`, `bunx` */
  exec: string;
  /** Add a development dependency: `npm install -D`, `pnpm add -D`, `yarn add -D`, `bun add -d` */
  addDev: string;
}

export const PM_COMMANDS: Record<PackageManager, PackageManagerCommands> = {
  npm: { install: 'npm install', run: 'npm run', runScript: 'npm run', exec: 'npx', addDev: 'npm install -D' },
  pnpm: { install: 'pnpm install', run: 'pnpm', runScript: 'pnpm run', exec: 'pnpm exec', addDev: 'pnpm add -D' },
  yarn: { install: 'yarn', run: 'yarn', runScript: 'yarn', exec: 'yarn', addDev: 'yarn add -D' },
  bun: { install: 'bun install', run: 'bun run', runScript: 'bun run', exec: 'bunx', addDev: 'bun add -d' },
};

/** Dev server origin of the renderer; fixed so CSP and CLERK_AUTHORIZED_PARTIES can name it. */
export const DEV_SERVER_ORIGIN = 'http://localhost:5173';

export interface TemplateContext {
  projectName: string;
  productName: string;
  appId: string;
  /** Cloudflare Worker name of the backend: lowercase letters, digits and dashes */
  workerName: string;
  scheme: string;
  rendererOrigin: string;
  devServerOrigin: string;
  /**
   * The backends' built-in CLERK_AUTHORIZED_PARTIES (the `azp` values accepted when the variable is
   * unset): the packaged renderer's origin only, so a production backend never trusts the dev server.
   */
  authorizedParties: string;
  /**
   * CLERK_AUTHORIZED_PARTIES of the development config (the backends' example env files): the
   * packaged origin and the dev server's, comma-separated.
   */
  devAuthorizedParties: string;
  framework: ProjectOptions['framework'];
  backend: ProjectOptions['backend'];
  tokenStorage: ProjectOptions['tokenStorage'];
  packageManager: PackageManager;
  isReact: boolean;
  isVue: boolean;
  isVanilla: boolean;
  hasBackend: boolean;
  isCloudflare: boolean;
  isNodeBackend: boolean;
  isSafeStorage: boolean;
  isKeychain: boolean;
  isMemoryStorage: boolean;
  /** '' when the user has not given one */
  clerkPublishableKey: string;
  pm: PackageManagerCommands;
  versions: VersionMap;
}

/** "my-cool-app" → "My Cool App" (electron-builder productName, window title). */
export function toProductName(projectName: string): string {
  const bare = projectName.replace(/^@[^/]+\//, '');
  return bare
    .split(/[-_.\s]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * Reverse-DNS application id: `com.<scope>.<name>` for a scoped package, `com.example.<name>`
 * otherwise (letters and digits only, at most 64 characters in all). The default custom scheme is
 * this id too: a bare name like `myapp` is one any other app may claim.
 */
export function deriveAppId(projectName: string): string {
  const scoped = /^@([^/]+)\/(.+)$/.exec(projectName);
  const clean = (part: string) => part.toLowerCase().replace(/[^a-z0-9]/g, '');
  const org = (scoped && clean(scoped[1]!).replace(/^[0-9]+/, '')) || 'example';
  const prefix = `com.${org.slice(0, 20)}.`;
  const name = clean(scoped ? scoped[2]! : projectName) || 'app';
  return `${prefix}${name.slice(0, 64 - prefix.length)}`;
}

export function buildTemplateContext(options: ProjectOptions, versions: VersionMap = VERSIONS): TemplateContext {
  const rendererOrigin = `${options.scheme}://renderer`;
  return {
    projectName: options.projectName,
    productName: toProductName(options.projectName),
    appId: deriveAppId(options.projectName),
    workerName: `${options.projectName.replace(/^@[^/]+\//, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 54) || 'app'}-backend`,
    scheme: options.scheme,
    rendererOrigin,
    devServerOrigin: DEV_SERVER_ORIGIN,
    authorizedParties: rendererOrigin,
    devAuthorizedParties: `${rendererOrigin},${DEV_SERVER_ORIGIN}`,
    framework: options.framework,
    backend: options.backend,
    tokenStorage: options.tokenStorage,
    packageManager: options.packageManager,
    isReact: options.framework === 'react',
    isVue: options.framework === 'vue',
    isVanilla: options.framework === 'vanilla',
    hasBackend: options.backend !== 'none',
    isCloudflare: options.backend === 'cloudflare',
    isNodeBackend: options.backend === 'node',
    isSafeStorage: options.tokenStorage === 'safe-storage',
    isKeychain: options.tokenStorage === 'keychain',
    isMemoryStorage: options.tokenStorage === 'memory',
    clerkPublishableKey: options.clerkPublishableKey ?? '',
    pm: PM_COMMANDS[options.packageManager],
    versions,
  };
}

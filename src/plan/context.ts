import { featureFlags, joinSlots, type FeatureFlags, type SlotValues } from '../layers/slots.js';
import type { ProjectOptions } from '../options.js';
import { PM_COMMANDS, type PackageManager, type PackageManagerCommands } from '../package-managers.js';
import { VERSIONS, type PackageName } from '../versions.js';

/** Package name → version range; the real one is VERSIONS, snapshot tests pass placeholders. */
export type VersionMap = Readonly<Record<PackageName, string>>;

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
  /** What the chosen variants put into the shared templates' named slots (src/layers/slots.ts) */
  slots: SlotValues;
  /** Capabilities the chosen layers provide, e.g. `features.remoteApi` */
  features: FeatureFlags;
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

/** What the layers contribute to the context; empty slots and no features by default. */
export interface LayerContributions {
  slots: SlotValues;
  features: FeatureFlags;
}

export const NO_CONTRIBUTIONS: LayerContributions = { slots: joinSlots(new Map()), features: featureFlags([]) };

export function buildTemplateContext(
  options: ProjectOptions,
  versions: VersionMap = VERSIONS,
  contributions: LayerContributions = NO_CONTRIBUTIONS,
): TemplateContext {
  const rendererOrigin = `${options.scheme}://renderer`;
  return {
    projectName: options.projectName,
    productName: toProductName(options.projectName),
    appId: deriveAppId(options.projectName),
    workerName: `${
      options.projectName
        .replace(/^@[^/]+\//, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 54) || 'app'
    }-backend`,
    scheme: options.scheme,
    rendererOrigin,
    devServerOrigin: DEV_SERVER_ORIGIN,
    authorizedParties: rendererOrigin,
    devAuthorizedParties: `${rendererOrigin},${DEV_SERVER_ORIGIN}`,
    framework: options.framework,
    backend: options.backend,
    tokenStorage: options.tokenStorage,
    packageManager: options.packageManager,
    slots: contributions.slots,
    features: contributions.features,
    clerkPublishableKey: options.clerkPublishableKey ?? '',
    pm: PM_COMMANDS[options.packageManager],
    versions,
  };
}

import { PACKAGE_MANAGERS, type PackageManager } from '../options.js';

/**
 * The package manager that ran us, from `npm_config_user_agent`, which npm, pnpm, yarn and bun all
 * set for `create`/`dlx`/`exec`: e.g. "pnpm/9.1.0 npm/? node/v22.12.0 linux x64".
 */
export function detectPackageManager(userAgent: string | undefined): PackageManager | undefined {
  if (!userAgent) return undefined;
  const name = userAgent.trim().split(' ')[0]?.split('/')[0];
  return (PACKAGE_MANAGERS as readonly string[]).includes(name ?? '') ? (name as PackageManager) : undefined;
}

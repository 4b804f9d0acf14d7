import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

import { CLERK_UI_VERSION } from '../../src/kit/renderer/connection-watcher';

const require = createRequire(import.meta.url);

/**
 * The @clerk/ui version the installed loader (@clerk/shared) was built for: its default. Found
 * beside @clerk/electron, which depends on it: pnpm does not hoist it to the app's node_modules.
 */
function installedDefaultUiVersion(): string {
  const loader = createRequire(require.resolve('@clerk/electron')).resolve('@clerk/shared/loadClerkJsScript');
  const source = readFileSync(loader, 'utf8');
  const match = /versionSelector\(__internal_clerkUIVersion,\s*"([^"]+)"\)/.exec(source);
  if (!match) throw new Error("Clerk's UI loader changed shape: check how it picks the @clerk/ui version.");
  return match[1]!;
}

describe('CLERK_UI_VERSION', () => {
  it('is an exact version, not a floating major', () => {
    expect(CLERK_UI_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is the version the installed Clerk packages were built against', () => {
    expect(CLERK_UI_VERSION).toBe(installedDefaultUiVersion());
  });
});

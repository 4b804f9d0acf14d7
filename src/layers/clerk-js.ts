import type { LayerFactory } from './types.js';

/**
 * Shared by the renderers without a Clerk SDK of their own (Vue, vanilla): clerk-js configured for
 * Electron's native mode (they import @clerk/clerk-js and @clerk/shared directly, and pnpm only
 * resolves declared dependencies) (src/kit/renderer/clerk-native.ts), the vanilla tRPC client
 * and the setup-screen check. A framework module lists it before its own layer.
 */
export const clerkJsLayer: LayerFactory = () => ({
  templateDir: 'clerk-js',
  dependencies: ['@clerk/clerk-js', '@clerk/shared'],
  // The README's layout names clerk-native.ts: templates/clerk-js/slots/readmeLayout.hbs.
});

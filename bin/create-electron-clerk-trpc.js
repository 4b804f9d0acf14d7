#!/usr/bin/env node
import module from 'node:module';

// Checked before loading the bundle, which uses syntax and APIs older Node versions lack.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(
    `create-electron-clerk-trpc needs Node >= 20.19 (the generated app needs >= 22.12); this is Node ${process.versions.node}.`,
  );
  process.exit(1);
}
// Node >= 22.1 can keep the bundle's compiled code between runs (as TypeScript's tsc does);
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();
try {
  await import('../dist/index.js');
} catch (error) {
  // Only a source checkout can lack the bundle (the published package ships it).
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/index.js')) {
    console.error('create-electron-clerk-trpc is not built: run `npm ci` (or `npm run build`) in this checkout first.');
    process.exit(1);
  }
  throw error;
}

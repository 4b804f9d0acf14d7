#!/usr/bin/env node
// Checked before loading the bundle, which uses syntax and APIs older Node versions lack.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`create-electron-clerk-trpc needs Node >= 20.19 (the generated app needs >= 22.12); this is Node ${process.versions.node}.`);
  process.exit(1);
}
await import('../dist/index.js');

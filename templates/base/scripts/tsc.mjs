/**
 * `node scripts/tsc.mjs <tsc arguments>`: TypeScript 7's `tsc`, the native compiler that `typecheck`
 * runs (several times faster than TypeScript 6 on these projects).
 *
 * The app has two TypeScripts. `typescript` is 6.0, the last one with the JavaScript API that
 * typescript-eslint, vue-tsc and editors load (VS Code's "Use Workspace Version" is this one, and
 * 6.0 reads the tsconfig files as 7 does); `typescript-7` is an npm alias of typescript@7. Both
 * packages declare a `tsc` command, and which one node_modules/.bin/tsc ends up being depends on
 * the package manager (npm and bun: 6, pnpm: 7), so this script runs TypeScript 7 by its package
 * name instead, and `npx tsc` may be either.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const packageJson = createRequire(import.meta.url).resolve('typescript-7/package.json');
// TypeScript 7's own launcher: it reads the arguments from process.argv and starts the native binary.
await import(pathToFileURL(join(dirname(packageJson), 'bin', 'tsc')).href);

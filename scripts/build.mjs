/**
 * Bundles the CLI into one ESM file, dist/index.js, with every runtime library inside, so the
 * published package has no runtime dependencies and `npx` starts without an install tree.
 * Modules loaded with import() (prompts, execa, install, git) are only evaluated when a run needs them.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  minify: process.argv.includes('--minify'),
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS libraries (commander, prompts, handlebars) call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
});

const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`dist/index.js: ${(bytes / 1024).toFixed(0)} kB`);

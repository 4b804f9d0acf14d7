/**
 * Bundles the CLI into dist/ (ESM) with every runtime library inside, so the published package has
 * no runtime dependencies and `npx` starts without an install tree. The package ships templates/ as
 * files, read at run time; the `.hbs` ones are also compiled here, into the bundle, because
 * compiling them at run time would cost more than the rest of a scaffold.
 */
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILE_OPTIONS, templateName } from '../src/plan/render.js';
import { readLayersFrom } from '../src/plan/template-files.js';

const root = join(import.meta.dirname, '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });

/** src/plan/precompiled-templates.ts as the bundle carries it: every `.hbs` template, compiled. */
function precompiledTemplatesModule(): string {
  const readLayer = readLayersFrom(join(root, 'templates'));
  const entries = readdirSync(join(root, 'templates')).flatMap((dir) =>
    readLayer(dir)
      .filter((file) => file.path.endsWith('.hbs'))
      .map(
        (file) =>
          `${JSON.stringify(templateName(dir, file.path))}: ${Handlebars.precompile(file.contents.toString('utf8'), COMPILE_OPTIONS)}`,
      ),
  );
  return `export const PRECOMPILED_TEMPLATES = {\n${entries.join(',\n')}\n};\n`;
}

await build({
  absWorkingDir: root,
  entryPoints: ['src/index.ts'],
  outdir: 'dist',
  // What only some runs need (prompts, execa: questions, install, git) goes into chunks loaded on use.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  minify: true,
  alias: {
    // The templates come precompiled: handlebars' runtime is enough (no parser or compiler).
    handlebars: 'handlebars/runtime',
    // prompts' entry picks between its build for Node >= 8.6 and a transpiled copy; bundle only the first.
    prompts: 'prompts/lib/index.js',
  },
  plugins: [
    {
      name: 'precompiled-templates',
      setup: (b) =>
        b.onLoad({ filter: /[\\/]src[\\/]plan[\\/]precompiled-templates\.ts$/ }, () => ({
          contents: precompiledTemplatesModule(),
          loader: 'js',
        })),
    },
  ],
  logLevel: 'warning',
  // Bundled CommonJS libraries (commander, prompts, handlebars) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
});

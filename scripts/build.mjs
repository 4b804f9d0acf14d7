/**
 * Bundles the CLI into dist/ (ESM), with every runtime library inside, so the published package has
 * no runtime dependencies and `npx` starts without an install tree.
 *
 * Start-up cost is what users feel, so the bundle loads only what a run needs:
 * - dist/index.js holds the scaffolding path; modules loaded with import() (prompts, execa,
 *   install, git) become chunks in dist/chunks/, read only by runs that need them;
 * - templates are precompiled here (src/plan/precompiled-templates.ts is replaced), so the bundle
 *   carries handlebars' small runtime instead of its parser and compiler;
 * - every other template file goes into one dist/templates.pack (src/plan/template-pack.ts), read
 *   with a single call at run time; the package ships that instead of the templates/ folder;
 * - the output is minified (less to read and parse); `--no-minify` keeps it readable (names in
 *   CPU profiles: bench/ builds such a copy with `--outdir`).
 */
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag === -1 ? join(root, 'dist') : resolve(process.argv[outdirFlag + 1]);
rmSync(outdir, { recursive: true, force: true });

/**
 * The CLI's own template reader, pack encoder and precompile contract (TypeScript), bundled in
 * memory and imported: the build reads, names and packs templates exactly as the CLI does.
 */
async function importCliHelpers() {
  const { outputFiles } = await build({
    absWorkingDir: root,
    stdin: {
      contents: [
        "export { readLayersFrom } from './src/plan/template-files.ts';",
        "export { encodeTemplatePack } from './src/plan/template-pack.ts';",
        "export { COMPILE_OPTIONS, templateKey } from './src/plan/precompile-contract.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
}
const { readLayersFrom, encodeTemplatePack, COMPILE_OPTIONS, templateKey } = await importCliHelpers();
const readLayer = readLayersFrom(join(root, 'templates'));
/** Every template folder, as the planner reads it. */
const layers = new Map(readdirSync(join(root, 'templates')).sort().map((dir) => [dir, readLayer(dir)]));
const isTemplate = (path) => path.endsWith('.hbs');

/** Every .hbs file precompiled, keyed as the planner names it. */
function precompiledTemplatesModule() {
  const entries = [];
  for (const [dir, files] of layers) {
    for (const file of files.filter((f) => isTemplate(f.path))) {
      const spec = Handlebars.precompile(file.contents.toString('utf8'), COMPILE_OPTIONS);
      entries.push(`${JSON.stringify(templateKey(dir, file.path))}: ${spec}`);
    }
  }
  return `export const PRECOMPILED_TEMPLATES = {\n${entries.join(',\n')}\n};\n`;
}

const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(b) {
    b.onResolve({ filter: /\/precompiled-templates\.js$/ }, (args) => ({ path: args.path, namespace: 'precompiled-templates' }));
    b.onLoad({ filter: /.*/, namespace: 'precompiled-templates' }, () => ({ contents: precompiledTemplatesModule(), loader: 'js' }));
  },
};

/**
 * commander loads child_process when it is imported, for executable subcommands, which this CLI
 * has none of; it gets a handle that loads the module on first use instead (a few ms per run).
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => process.getBuiltinModule('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/index.ts'],
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  minify: !process.argv.includes('--no-minify'),
  // Precompiled templates need only handlebars' runtime (no parser, compiler or source-map);
  // prompts' entry picks between its Node >= 8.6 build and a transpiled one: bundle only the first.
  alias: { handlebars: 'handlebars/runtime', prompts: 'prompts/lib/index.js' },
  plugins: [precompiledTemplates, lazyChildProcessForCommander],
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS libraries (commander, prompts, handlebars) call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
});

/** Every other template file, in one file read once per run (the bundle has the .hbs ones). */
const pack = encodeTemplatePack({ layers, omitContents: (_dir, path) => isTemplate(path) });
writeFileSync(join(outdir, 'templates.pack'), pack);


const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
const entry = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('index.js'))?.[1].bytes ?? 0;
console.log(`dist: ${(bytes / 1024).toFixed(0)} kB of code, of which index.js ${(entry / 1024).toFixed(0)} kB; templates.pack ${(pack.length / 1024).toFixed(0)} kB`);

import { selectLayers } from '../layers/index.js';
import type { ProjectOptions } from '../options.js';
import { buildTemplateContext } from './context.js';
import { buildManifest } from './manifest.js';
import { renderTemplate } from './render.js';

export interface TemplateFile {
  /** Path inside the layer folder, with forward slashes */
  path: string;
  contents: Buffer;
}

/** Reads one template folder; the only side effect the planner depends on, injected. */
export type ReadLayer = (templateDir: string) => readonly TemplateFile[];

/** path (forward slashes, relative to the project root) → file contents, sorted by path */
export type FilePlan = Map<string, Buffer>;

/**
 * `_gitignore` → `.gitignore`: npm drops dotfiles such as .gitignore and .npmrc from published
 * tarballs, so templates store them with a leading underscore.
 */
export function outputPath(templatePath: string): string {
  const withoutHbs = templatePath.endsWith('.hbs') ? templatePath.slice(0, -4) : templatePath;
  return withoutHbs.replace(/(^|\/)_([^/]+)$/, '$1.$2');
}

/** Pure: options and the template folders' contents in, the complete project out. */
export function planProject(options: ProjectOptions, readLayer: ReadLayer): FilePlan {
  const layers = selectLayers(options);
  const context = buildTemplateContext(options);
  const files = new Map<string, Buffer>();
  for (const layer of layers) {
    for (const file of readLayer(layer.templateDir)) {
      const target = outputPath(file.path);
      const contents = file.path.endsWith('.hbs')
        ? Buffer.from(renderTemplate(file.contents.toString('utf8'), context, `${layer.templateDir}/${file.path}`))
        : file.contents;
      files.set(target, contents);
    }
  }
  files.set('package.json', Buffer.from(`${JSON.stringify(buildManifest(options, layers), null, 2)}\n`));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

import { selectLayers } from '../layers/index.js';
import type { ProjectOptions } from '../options.js';
import { VERSIONS } from '../versions.js';
import { buildTemplateContext, type VersionMap } from './context.js';
import { buildManifest } from './manifest.js';
import { collectInstallScriptPolicy, packageManagerFiles } from './package-managers.js';
import { renderTemplate, templateName } from './render.js';

export interface TemplateFile {
  /** Path inside the layer folder, with forward slashes */
  path: string;
  contents: Buffer;
}

/** Reads one template folder; the only side effect the planner depends on, injected. */
export type ReadLayer = (templateDir: string) => readonly TemplateFile[];

/** path (forward slashes, relative to the project root) → file contents, sorted by path */
export type FilePlan = Map<string, Buffer>;

export interface PlanSettings {
  /** Dependency versions; snapshot tests pass placeholders so version bumps do not churn them */
  versions?: VersionMap;
}

/** Files that are empty on purpose. Any other empty template file is a mistake. */
const EMPTY_ALLOWED = new Set(['.gitkeep', '.keep']);

/**
 * `_gitignore` → `.gitignore`: npm drops dotfiles such as .gitignore and .npmrc from published
 * tarballs, so templates store them with a leading underscore. Folders too: `_github/workflows/ci.yml`
 * → `.github/workflows/ci.yml`, `_vscode/launch.json` → `.vscode/launch.json`. A name that must
 * start with an underscore is stored with two: `__journal.json` → `_journal.json`.
 */
export function outputPath(templatePath: string): string {
  const withoutHbs = templatePath.endsWith('.hbs') ? templatePath.slice(0, -4) : templatePath;
  // A second underscore keeps one: `__journal.json` → `_journal.json` (drizzle-kit's migration journal).
  return withoutHbs.replace(/(^|\/)_(_?)(?=[^/])/g, (_match, start: string, kept: string) => start + (kept ? '_' : '.'));
}

/** A planned path must stay inside the project: relative, forward slashes, no `.`/`..`/empty parts. */
export function assertSafeProjectPath(path: string, source: string): void {
  const parts = path.split('/');
  const unsafe =
    path === '' ||
    path.startsWith('/') ||
    /^[a-zA-Z]:/.test(path) ||
    path.includes('\\') ||
    path.includes('\0') ||
    parts.some((part) => part === '' || part === '.' || part === '..');
  if (unsafe) throw new Error(`${source}: output path "${path}" would not stay inside the project folder`);
}

/**
 * Pure: options and the template folders' contents in, the complete project out.
 * An `.hbs` template that renders to only whitespace is left out (a template may wrap itself in
 * `{{#if}}` to exist only for some options); a plain file that is empty is an error.
 */
export function planProject(options: ProjectOptions, readLayer: ReadLayer, settings: PlanSettings = {}): FilePlan {
  const versions = settings.versions ?? VERSIONS;
  const layers = selectLayers(options);
  const context = buildTemplateContext(options, versions);
  const files = new Map<string, Buffer>();
  for (const layer of layers) {
    for (const file of readLayer(layer.templateDir)) {
      const source = templateName(layer.templateDir, file.path);
      const target = outputPath(file.path);
      assertSafeProjectPath(target, source);
      if (file.path.endsWith('.hbs')) {
        const rendered = renderTemplate(file.contents.toString('utf8'), context, source);
        if (rendered.trim() === '') continue;
        files.set(target, Buffer.from(rendered));
      } else {
        const name = target.slice(target.lastIndexOf('/') + 1);
        if (file.contents.length === 0 && !EMPTY_ALLOWED.has(name)) {
          throw new Error(`${source} is empty; delete it, or name it .gitkeep if an empty folder is intended`);
        }
        files.set(target, file.contents);
      }
    }
  }
  files.set('package.json', Buffer.from(`${JSON.stringify(buildManifest(options, layers, versions), null, 2)}\n`));
  const workspaces = layers.flatMap((layer) => (layer.manifest?.workspaces as string[] | undefined) ?? []);
  for (const [path, contents] of packageManagerFiles(options.packageManager, collectInstallScriptPolicy(layers), workspaces)) {
    files.set(path, Buffer.from(contents));
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

import { featureFlags, isSlotName, joinSlots, type SlotName } from '../layers/slots.js';
import type { Layer } from '../layers/types.js';
import type { ProjectOptions } from '../options.js';
import { VERSIONS } from '../versions.js';
import { VARIANTS } from '../variants/registry.js';
import { selectLayers } from '../variants/select.js';
import type { VariantRegistry } from '../variants/types.js';
import { buildTemplateContext, type TemplateContext, type VersionMap } from './context.js';
import { buildManifest } from './manifest.js';
import { collectInstallScriptPolicy, packageManagerFiles } from '../package-managers.js';
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
  /** The variants to choose from; default: the built-in ones (tests add fixture variants) */
  registry?: VariantRegistry;
}

/** A layer's files under this folder fill slots (`slots/<slot>.hbs`) and are not written. */
const SLOT_FOLDER = 'slots/';

/** Slots the shared templates cannot do without: the chosen variants must fill them. */
const REQUIRED_SLOTS: readonly SlotName[] = ['rendererEntry'];

interface ReadLayerFiles {
  layer: Layer;
  files: readonly TemplateFile[];
}

/**
 * The slots and features of the chosen layers. Each layer adds its `slots` values, then its slot
 * files rendered (against the context with every layer's values), in layer order.
 */
function layerContributions(options: ProjectOptions, layers: readonly ReadLayerFiles[], versions: VersionMap) {
  const features = featureFlags(layers.flatMap(({ layer }) => layer.features ?? []));
  const add = (into: Map<SlotName, string[]>, name: SlotName, items: readonly string[]) =>
    into.set(name, [...(into.get(name) ?? []), ...items]);
  const addValues = (into: Map<SlotName, string[]>, layer: Layer) => {
    for (const [name, value] of Object.entries(layer.slots ?? {}) as [SlotName, string | readonly string[]][]) {
      add(into, name, typeof value === 'string' ? [value] : value);
    }
  };
  const valuesOnly = new Map<SlotName, string[]>();
  for (const { layer } of layers) addValues(valuesOnly, layer);
  const valuesContext = buildTemplateContext(options, versions, { slots: joinSlots(valuesOnly), features });
  const all = new Map<SlotName, string[]>();
  for (const { layer, files } of layers) {
    addValues(all, layer);
    for (const file of files.filter((f) => f.path.startsWith(SLOT_FOLDER))) {
      const source = templateName(layer.templateDir, file.path);
      const name = file.path.slice(SLOT_FOLDER.length).replace(/\.hbs$/, '');
      if (!file.path.endsWith('.hbs') || !isSlotName(name)) {
        throw new Error(`${source}: a slot file must be named <slot>.hbs after a slot in src/layers/slots.ts`);
      }
      const rendered = renderTemplate(file.contents.toString('utf8'), valuesContext, source);
      // The template puts the slot on a line of its own: the file's last newline is that line's.
      add(all, name, [rendered.endsWith('\n') ? rendered.slice(0, -1) : rendered]);
    }
  }
  const slots = joinSlots(all);
  for (const name of REQUIRED_SLOTS) {
    if (slots[name] === '') {
      throw new Error(
        `No layer fills the "${name}" slot (framework ${options.framework}): its variant module must (src/layers/slots.ts)`,
      );
    }
  }
  return { slots, features };
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
  const layers = selectLayers(options, settings.registry ?? VARIANTS);
  const read = layers.map((layer) => ({ layer, files: readLayer(layer.templateDir) }));
  const context: TemplateContext = buildTemplateContext(options, versions, layerContributions(options, read, versions));
  const files = new Map<string, Buffer>();
  for (const { layer, files: layerFiles } of read) {
    for (const file of layerFiles) {
      if (file.path.startsWith(SLOT_FOLDER)) continue;
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
  const unused = layers.flatMap((layer) => layer.unusedDependencies ?? []);
  const policy = collectInstallScriptPolicy(layers);
  for (const [path, contents] of packageManagerFiles(options.packageManager, policy, workspaces, unused)) {
    files.set(path, Buffer.from(contents));
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadLayer, TemplateFile } from './planner.js';

/** A folder's variant or add-on module (templates/<dir>/variant.ts, addon.ts): CLI code, not files of the app. */
export const MODULE_FILES: ReadonlySet<string> = new Set(['variant.ts', 'addon.ts']);

/**
 * Reads template folders from disk (side effect kept out of the planner): every file under
 * `<templatesRoot>/<templateDir>` but its variant or add-on module, with its path inside that folder, sorted.
 * Missing folders are empty.
 */
export function readLayersFrom(templatesRoot: string): ReadLayer {
  return (templateDir) => {
    const files: TemplateFile[] = [];
    const walk = (folder: string, prefix: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = prefix + entry.name;
        if (entry.isDirectory()) walk(`${folder}/${entry.name}`, `${path}/`);
        else if (entry.isFile() && !MODULE_FILES.has(path))
          files.push({ path, contents: readFileSync(`${folder}/${entry.name}`) });
      }
    };
    const root = join(templatesRoot, templateDir);
    if (existsSync(root)) walk(root, '');
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  };
}

import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import type { ReadLayer, TemplateFile } from './planner.js';

/** A folder's variant module (templates/<dir>/variant.ts): CLI code, not a file of the app. */
export const VARIANT_MODULE = 'variant.ts';

/**
 * Reads template folders from disk (side effect kept out of the planner). Missing folders are
 * empty; the variant module is left out.
 */
export function readLayersFrom(templatesRoot: string): ReadLayer {
  return (templateDir) => {
    const root = join(templatesRoot, templateDir);
    let entries: Dirent[];
    try {
      entries = readdirSync(root, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files: TemplateFile[] = entries
      .filter((entry) => entry.isFile() && !(entry.name === VARIANT_MODULE && entry.parentPath === root))
      .map((entry) => {
        const full = join(entry.parentPath, entry.name);
        return { path: relative(root, full).split('\\').join('/'), contents: readFileSync(full) };
      });
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  };
}

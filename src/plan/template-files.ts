import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadLayer, TemplateFile } from './planner.js';

/** Reads template folders from disk (side effect kept out of the planner). Missing folders are empty. */
export function readLayersFrom(templatesRoot: string): ReadLayer {
  return (templateDir) => {
    const root = join(templatesRoot, templateDir);
    let entries: string[];
    try {
      entries = readdirSync(root, { recursive: true, encoding: 'utf8' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files: TemplateFile[] = [];
    for (const entry of entries.sort()) {
      const full = join(root, entry);
      try {
        files.push({ path: entry.split('\\').join('/'), contents: readFileSync(full) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
      }
    }
    return files;
  };
}

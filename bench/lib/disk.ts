import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface TreeSize {
  files: number;
  bytes: number;
}

/** Apparent size of a directory tree (file sizes summed; symlinks counted, never followed). */
export function treeSize(dir: string, skip: (name: string) => boolean = () => false): TreeSize {
  const total: TreeSize = { files: 0, bytes: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = treeSize(path, skip);
      total.files += sub.files;
      total.bytes += sub.bytes;
    } else {
      total.files += 1;
      total.bytes += lstatSync(path).size;
    }
  }
  return total;
}

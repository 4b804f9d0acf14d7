/** Fingerprint of a folder: every file, folder and symlink with a hash of its contents and its mode. */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export function hashTree(root: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      const stats = lstatSync(full);
      if (stats.isSymbolicLink()) result[rel] = `link:${readlinkSync(full)}`;
      else if (stats.isDirectory()) {
        result[`${rel}/`] = `dir:${(stats.mode & 0o7777).toString(8)}`;
        walk(full, rel);
      } else {
        result[rel] =
          `file:${(stats.mode & 0o7777).toString(8)}:${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
      }
    }
  };
  walk(root, '');
  return result;
}

/**
 * The source folders form layers: cli/ on top, then io/ and plan/, then core/ (errors, output,
 * pure text helpers) at the bottom. A lower layer never imports a higher one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** Every relative import of the .ts files under src/<folder>, as the src/ folder it lands in. */
function importedFolders(folder: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const name of readdirSync(join(SRC, folder), { recursive: true }) as string[]) {
    if (!name.endsWith('.ts')) continue;
    const file = join(SRC, folder, name);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      const target = relative(SRC, resolve(join(file, '..'), specifier!)).split(/[\\/]/);
      const landsIn = target.length > 1 ? target[0]! : '(src root)';
      found.set(landsIn, [...(found.get(landsIn) ?? []), `${folder}/${name}`]);
    }
  }
  return found;
}

describe('layering', () => {
  it.each(['io', 'plan', 'core'])('%s/ imports nothing from cli/', (folder) => {
    expect(importedFolders(folder).get('cli')).toBeUndefined();
  });

  it('io/ and core/ exist and are scanned (the rule above is not vacuous)', () => {
    expect(importedFolders('io').get('core')?.length).toBeGreaterThan(0);
    expect(importedFolders('cli').get('core')?.length).toBeGreaterThan(0);
  });

  it.each(['layers', 'variants', 'addons'])('%s/ imports nothing from plan/ or cli/', (folder) => {
    const imported = importedFolders(folder);
    expect(imported.get('plan')).toBeUndefined();
    expect(imported.get('cli')).toBeUndefined();
  });

  it('core/ imports from no other folder of src/', () => {
    expect([...importedFolders('core').keys()].filter((folder) => folder !== 'core')).toEqual([]);
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLayersFrom } from '../../src/plan/template-files.js';
import { CorruptTemplatePackError, encodeTemplatePack, readLayersFromPack } from '../../src/plan/template-pack.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');
const readFromDisk = readLayersFrom(TEMPLATES);
const layerNames = readdirSync(TEMPLATES).sort();
const layers = new Map(layerNames.map((name) => [name, readFromDisk(name)]));

describe('template pack', () => {
  it('gives back every template folder byte for byte, in the order the folder reader gives', () => {
    const readFromPack = readLayersFromPack(encodeTemplatePack({ layers }));
    for (const name of layerNames) {
      const fromPack = readFromPack(name);
      expect(fromPack.map((file) => file.path), name).toEqual(layers.get(name)!.map((file) => file.path));
      fromPack.forEach((file, i) => expect(file.contents.equals(layers.get(name)![i]!.contents), `${name}/${file.path}`).toBe(true));
    }
  });

  it('marks files whose contents were left out as precompiled, and carries the rest', () => {
    const pack = encodeTemplatePack({ layers, omitContents: (_dir, path) => path.endsWith('.hbs') });
    const files = readLayersFromPack(pack)('base');
    const hbs = files.filter((file) => file.path.endsWith('.hbs'));
    expect(hbs.length).toBeGreaterThan(0);
    expect(hbs.every((file) => file.precompiled === true && file.contents.length === 0)).toBe(true);
    expect(files.filter((file) => !file.path.endsWith('.hbs')).every((file) => !file.precompiled && file.contents.length > 0)).toBe(true);
    expect(pack.length).toBeLessThan(encodeTemplatePack({ layers }).length);
  });

  it('reads an unknown folder as empty, like a missing folder on disk', () => {
    expect(readLayersFromPack(encodeTemplatePack({ layers }))('no-such-layer')).toEqual([]);
    expect(readLayersFromPack(encodeTemplatePack({ layers }))('constructor')).toEqual([]);
  });

  it('refuses a damaged pack with a message that says to reinstall', () => {
    const pack = encodeTemplatePack({ layers });
    expect(() => readLayersFromPack(pack.subarray(0, 2))).toThrow(CorruptTemplatePackError);
    expect(() => readLayersFromPack(pack.subarray(0, 40))).toThrow(/header runs past the end.*Reinstall/);
    const garbled = Buffer.from(pack);
    garbled.write('}}}}', 4);
    expect(() => readLayersFromPack(garbled)).toThrow(/unreadable header/);
    const truncated = readLayersFromPack(pack.subarray(0, pack.length - 10));
    expect(() => layerNames.forEach((name) => truncated(name))).toThrow(/runs past the end/);
  });
});

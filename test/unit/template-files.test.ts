import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLayersFrom } from '../../src/plan/template-files.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cect-templates-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, contents: string | Buffer) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), contents);
}

describe('readLayersFrom', () => {
  it('reads every file of a template folder, nested ones with forward-slash paths, sorted by path', () => {
    write('layer/z.txt', 'z');
    write('layer/_github/workflows/ci.yml', 'ci');
    write('layer/a/b/c.ts.hbs', '{{projectName}}');
    write('layer/README.md', 'readme');
    write('other/not-read.txt', 'other layer');
    const files = readLayersFrom(root)('layer');
    expect(files.map((file) => file.path)).toEqual(['README.md', '_github/workflows/ci.yml', 'a/b/c.ts.hbs', 'z.txt']);
    expect(files.map((file) => file.contents.toString())).toEqual(['readme', 'ci', '{{projectName}}', 'z']);
  });

  it('keeps contents byte for byte (binary files too)', () => {
    const icon = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0d, 0x0a]);
    write('layer/build/icon.png', icon);
    expect(readLayersFrom(root)('layer')[0]!.contents.equals(icon)).toBe(true);
  });

  it('reads a missing template folder as empty, and an empty one as empty', () => {
    mkdirSync(join(root, 'empty'));
    expect(readLayersFrom(root)('missing')).toEqual([]);
    expect(readLayersFrom(root)('empty')).toEqual([]);
  });

  it('reads the real base layer, including dotfiles stored with a leading underscore', () => {
    const paths = readLayersFrom(join(import.meta.dirname, '..', '..', 'templates'))('base').map((file) => file.path);
    expect(paths).toContain('README.md.hbs');
    expect(paths).toContain('_gitignore');
    expect(paths).toEqual([...paths].sort());
  });
});

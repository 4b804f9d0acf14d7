import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countLines, folderOf, measureAppSize, scaffoldedFiles } from '../../bench/lib/app-size.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function appWith(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'bench-app-size-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("the size bench's counts (bench/lib/app-size.ts)", () => {
  it('counts a last line without a newline, and nothing in an empty file', () => {
    expect([countLines(''), countLines('a'), countLines('a\n'), countLines('a\nb'), countLines('\n\n')]).toEqual([0, 1, 1, 2, 2]);
  });

  it('puts files in their top-level folder, Markdown at the root in root docs, the rest in other', () => {
    expect(
      ['src/main/index.ts', 'backend/src/router.ts', '.github/workflows/ci.yml', 'README.md', 'package.json', 'e2e/a.ts'].map(
        folderOf,
      ),
    ).toEqual(['src', 'backend', '.github', 'root docs', 'other', 'e2e']);
  });

  it('leaves out lockfiles, images and installed or built folders', () => {
    const app = appWith({
      'package.json': '{}\n',
      'package-lock.json': '{}\n',
      'build/icon.png': 'x',
      'resources/logo.svg': '<svg/>',
      'node_modules/a/index.js': 'x\n',
      'out/renderer/index.js': 'x\n',
      'backend/.wrangler/state/db.sqlite': 'x',
      'src/main/index.ts': 'x\n',
    });
    expect(scaffoldedFiles(app)).toEqual(['package.json', 'src/main/index.ts']);
  });

  it('counts src/kit inside src as well as on its own row', () => {
    const app = appWith({ 'src/kit/ipc/link.ts': 'a\nb\n', 'src/main/index.ts': 'c\n', 'README.md': '# x\n\ny\n' });
    const size = measureAppSize(app);
    expect([size.files, size.lines, size.readmeLines]).toEqual([3, 6, 3]);
    expect(size.byFolder.src).toEqual({ files: 2, lines: 3 });
    expect(size.byFolder['src/kit']).toEqual({ files: 1, lines: 2 });
    expect(size.byFolder['root docs']).toEqual({ files: 1, lines: 3 });
  });
});

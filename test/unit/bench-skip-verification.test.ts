import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { skipVerification } from '../../bench/lib/load/backend-servers.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const sources = (root: string) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

/** The template's backend/src holding the token verification, wherever the layers put it. */
function backendSource(): string {
  const verifier = sources(TEMPLATES).find(
    (file) =>
      file.includes('/backend/src/') && /import \{ verifyToken \} from '@clerk\/backend'/.test(readFileSync(file, 'utf8')),
  );
  if (!verifier) throw new Error('no backend template imports verifyToken from @clerk/backend');
  return verifier.slice(0, verifier.indexOf('/backend/src/') + '/backend/src'.length);
}

describe("the load bench's copy without token verification (bench/lib/load/backend-servers.ts)", () => {
  it("swaps @clerk/backend's verifyToken in exactly one module of the backend template, and nothing else", () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-skip-verification-'));
    cpSync(backendSource(), dir, { recursive: true });
    const before = new Map(sources(dir).map((file) => [file, readFileSync(file, 'utf8')]));
    const swapped = skipVerification(dir);
    const changed = sources(dir).filter((file) => readFileSync(file, 'utf8') !== before.get(file));
    expect(changed).toEqual([join(dir, swapped)]);
    const text = readFileSync(join(dir, swapped), 'utf8');
    expect(text).not.toMatch(/import \{ verifyToken \} from '@clerk\/backend'/);
    expect(text).toContain("from '@clerk/backend/jwt'");
  });

  it('refuses a tree where no module imports verifyToken', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-skip-verification-'));
    expect(() => skipVerification(dir!)).toThrow(/found 0/);
  });
});

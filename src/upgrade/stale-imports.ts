/**
 * Pure: the relative imports of a module that point at files an upgrade leaves gone, so that a file the
 * owner keeps can say what it still depends on (it would otherwise first fail at typecheck).
 */
import { posix } from 'node:path';

const CODE = /\.(?:[cm]?[jt]sx?|vue)$/;
/** `from './x'`, `import './x'`, `import('./x')`: relative specifiers only; packages are not ours to judge. */
const RELATIVE_IMPORT = /\b(?:from|import)\s*\(?\s*['"](\.\.?\/[^'"]+)['"]/g;
const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '.vue', '/index.ts', '/index.tsx', '/index.js'];

export const isCodeFile = (path: string): boolean => CODE.test(path);

/** The specifiers of `text` (the module at app-relative `path`) that resolve only to paths in `gone`. */
export function importsOfGoneFiles(path: string, text: string, gone: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const [, specifier] of text.matchAll(RELATIVE_IMPORT)) {
    const target = posix.join(posix.dirname(path), specifier!);
    // TypeScript's ESM style names `.js` for a `.ts` file.
    const stem = target.replace(/\.[cm]?js$/, '');
    if ([target, ...EXTENSIONS.map((ext) => stem + ext)].some((candidate) => gone.has(candidate))) found.add(specifier!);
  }
  return [...found];
}

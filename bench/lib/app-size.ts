import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Folders that are installed, built or run-time state, never written by a scaffolder. */
const GENERATED_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.wrangler', 'test-results', 'playwright-report']);
/** The Node backend's database folder, created when it first runs. */
const GENERATED_PATHS = new Set(['backend/data']);
const LOCKFILES = new Set(['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb']);
const IMAGE = /\.(png|jpe?g|gif|ico|icns|svg|webp|bmp)$/i;

/** The rows of the size table, in order; a file counts in the first that claims it except `src/kit`, which is part of `src`. */
export const SIZE_FOLDERS = ['src', 'src/kit', 'test', 'backend', 'e2e', '.github', 'scripts', 'root docs', 'other'] as const;
export type SizeFolder = (typeof SIZE_FOLDERS)[number];

export interface AppSize {
  files: number;
  lines: number;
  /** files and lines per folder (`src/kit` is also counted in `src`) */
  byFolder: Record<SizeFolder, { files: number; lines: number }>;
  readmeLines: number;
}

/** Files a scaffolder wrote: everything but installed or built folders, lockfiles and images. */
export function scaffoldedFiles(appDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!GENERATED_DIRS.has(entry.name) && !GENERATED_PATHS.has(relative(appDir, path).split(sep).join('/'))) walk(path);
      } else if (!LOCKFILES.has(entry.name) && !IMAGE.test(entry.name)) {
        files.push(relative(appDir, path).split(sep).join('/'));
      }
    }
  };
  walk(appDir);
  return files.sort();
}

/** Lines as an editor counts them: a last line without a newline still counts. */
export function countLines(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

/** Which row of the size table a file belongs to (besides `src/kit`, which `measureAppSize` adds). */
export function folderOf(path: string): Exclude<SizeFolder, 'src/kit'> {
  const top = path.includes('/') ? path.slice(0, path.indexOf('/')) : '';
  if (top === 'src' || top === 'test' || top === 'backend' || top === 'e2e' || top === '.github' || top === 'scripts') return top;
  if (top === '' && /\.md$/i.test(path)) return 'root docs';
  return 'other';
}

export function measureAppSize(appDir: string): AppSize {
  const byFolder = Object.fromEntries(SIZE_FOLDERS.map((f) => [f, { files: 0, lines: 0 }])) as AppSize['byFolder'];
  let lines = 0;
  const files = scaffoldedFiles(appDir);
  for (const path of files) {
    const count = countLines(readFileSync(join(appDir, path), 'utf8'));
    lines += count;
    const rows: SizeFolder[] = [folderOf(path)];
    if (path.startsWith('src/kit/')) rows.push('src/kit');
    for (const row of rows) {
      byFolder[row].files += 1;
      byFolder[row].lines += count;
    }
  }
  const readme = files.includes('README.md') ? countLines(readFileSync(join(appDir, 'README.md'), 'utf8')) : 0;
  return { files: files.length, lines, byFolder, readmeLines: readme };
}

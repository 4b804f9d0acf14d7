/**
 * Merging the generated .gitignore into one the user already has (--force): every line of theirs
 * is kept, so what they ignored stays ignored, and our patterns they lack are appended.
 */

export function isGitignorePath(path: string): boolean {
  return (path.split('/').at(-1) ?? '') === '.gitignore';
}

export interface GitignoreMerge {
  contents: string;
  /** Patterns from the generated file that were appended */
  added: string[];
}

export function mergeGitignore(existing: string, generated: string): GitignoreMerge {
  const theirs = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
  const added = generated
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !theirs.has(line))
    .filter((line, index, lines) => lines.indexOf(line) === index);
  if (added.length === 0) return { contents: existing, added };
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  const contents = `${existing}${separator}\n# Added by create-electron-clerk-trpc (your patterns above were kept)\n${added.join('\n')}\n`;
  return { contents, added };
}

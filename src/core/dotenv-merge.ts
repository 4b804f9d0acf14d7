/**
 * Merging the generated .env into one the user already has (--force): every line of theirs is kept
 * as it was, and only keys they do not have yet are appended.
 */

/** Files holding KEY=value settings (and often secrets) that are merged instead of replaced. */
export function isDotenvPath(path: string): boolean {
  const name = path.split('/').at(-1) ?? '';
  return /^\.env(\..+)?$/.test(name) || name === '.dev.vars';
}

const KEY_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/;

export function dotenvKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const match = KEY_LINE.exec(line);
    if (match) keys.add(match[1]!);
  }
  return keys;
}

/** Whether a KEY=value file gives `key` a non-empty value. */
export function hasDotenvValue(text: string, key: string): boolean {
  return text.split(/\r?\n/).some((line) => {
    const match = KEY_LINE.exec(line);
    if (match?.[1] !== key) return false;
    const value = line
      .slice(match[0].length)
      .replace(/\s+#.*$/, '')
      .trim();
    return value.replace(/^(['"])(.*)\1$/, '$2') !== '';
  });
}

export interface DotenvMerge {
  contents: string;
  /** Keys from the generated file that were appended */
  added: string[];
}

/**
 * The user's file, byte for byte, followed by the generated file's settings for keys the user's
 * file lacks (each with the comment lines directly above it). Their keys win.
 */
export function mergeDotenv(existing: string, generated: string): DotenvMerge {
  const theirs = dotenvKeys(existing);
  const added: string[] = [];
  const appended: string[] = [];
  let comments: string[] = [];
  for (const line of generated.split(/\r?\n/)) {
    const match = KEY_LINE.exec(line);
    if (match) {
      if (!theirs.has(match[1]!) && !added.includes(match[1]!)) {
        added.push(match[1]!);
        appended.push(...comments, line);
      }
      comments = [];
    } else if (line.trimStart().startsWith('#')) {
      comments.push(line);
    } else {
      comments = [];
    }
  }
  if (added.length === 0) return { contents: existing, added };
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  const contents = `${existing}${separator}\n# Added by create-electron-clerk-trpc (your settings above were kept)\n${appended.join('\n')}\n`;
  return { contents, added };
}

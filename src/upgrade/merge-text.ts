/** Line-based three-way merge of one text file (diff3, as `git merge-file --diff3` shows it). */
import { diff3Merge } from 'node-diff3';

export interface TextMerge {
  text: string;
  /** How many regions both sides changed differently (each marked in `text`) */
  conflicts: number;
}

/**
 * `ours` is the owner's file, `base` what we wrote then, `theirs` what we write today. Regions only
 * one side changed take that side; regions both changed the same way are taken once; the rest are
 * marked with <<<<<<< ours / ||||||| base / ======= / >>>>>>> theirs.
 */
export function mergeText(base: string, ours: string, theirs: string): TextMerge {
  const lines = (text: string) => text.split('\n');
  const out: string[] = [];
  let conflicts = 0;
  for (const region of diff3Merge(lines(ours), lines(base), lines(theirs), { excludeFalseConflicts: true })) {
    if (region.ok) {
      out.push(...region.ok);
      continue;
    }
    conflicts += 1;
    const { a, o, b } = region.conflict!;
    out.push('<<<<<<< ours', ...a, '||||||| base', ...o, '=======', ...b, '>>>>>>> theirs');
  }
  return { text: out.join('\n'), conflicts };
}

/** Files a line merge makes no sense for (a NUL byte in the first 8 KiB, as git decides). */
export function isBinary(contents: Buffer): boolean {
  return contents.subarray(0, 8000).includes(0);
}

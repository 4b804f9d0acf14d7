/** --dry-run's listing: the planned files as an indented tree with sizes. */
import type { FilePlan } from '../plan/planner.js';
import { formatBytes, type Colors } from '../core/output.js';

export function planTree(plan: FilePlan, colors: Colors, replaced: ReadonlySet<string> = new Set()): string[] {
  const lines: string[] = [];
  const openDirs: string[] = [];
  let total = 0;
  for (const [path, contents] of plan) {
    const parts = path.split('/');
    const dirs = parts.slice(0, -1);
    let common = 0;
    while (common < dirs.length && common < openDirs.length && dirs[common] === openDirs[common]) common++;
    openDirs.length = common;
    for (let depth = common; depth < dirs.length; depth++) {
      lines.push(`${'  '.repeat(depth + 1)}${colors.blue(`${dirs[depth]}/`)}`);
      openDirs.push(dirs[depth]!);
    }
    const note = replaced.has(path) ? colors.yellow(' (replaces existing file)') : '';
    lines.push(`${'  '.repeat(dirs.length + 1)}${parts.at(-1)}  ${colors.dim(formatBytes(contents.length))}${note}`);
    total += contents.length;
  }
  lines.push(`  ${plan.size} files, ${formatBytes(total)}`);
  return lines;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of a `## <title>` section of a rendered app's README, up to the next `## `. */
export function readmeSection(appDir: string, title: string): string {
  const readme = readFileSync(join(appDir, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`the app's README has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

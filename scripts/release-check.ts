/**
 * Run by the release workflow before publishing: the pushed tag must name package.json's version,
 * CHANGELOG.md must have an entry for it, and package.json must name the repository it is built
 * from. Usage: tsx scripts/release-check.ts v1.2.3
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { releaseProblems } from './lib/release-check.js';

const root = join(import.meta.dirname, '..');
const { version, repository } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  repository?: string | { url?: string };
};
const problems = releaseProblems({
  tag: process.argv[2] ?? '',
  version,
  changelog: readFileSync(join(root, 'CHANGELOG.md'), 'utf8'),
  repository,
  githubRepository: process.env.GITHUB_REPOSITORY,
});
for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exit(1);
console.log(`releasing ${version}`);

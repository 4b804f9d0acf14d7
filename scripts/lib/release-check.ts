/** What must agree before a version is published: the tag, package.json and CHANGELOG.md. */

/** The CHANGELOG.md section for a version: the lines under `## <version>` up to the next `## `. */
export function changelogEntry(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/);
  const start = lines.findIndex((line) => new RegExp(`^## \\[?${version.replaceAll('.', '\\.')}\\]?(\\s|$)`).test(line));
  if (start === -1) return undefined;
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const body = lines
    .slice(start + 1, end === -1 ? undefined : end)
    .join('\n')
    .trim();
  return body === '' ? undefined : body;
}

export interface ReleaseInputs {
  tag: string;
  version: string;
  changelog: string;
  /** package.json's `repository` (a URL or `{ url }`) */
  repository?: string | { url?: string };
  /** `owner/name` of the repository the workflow runs in (GITHUB_REPOSITORY) */
  githubRepository?: string;
}

export function releaseProblems({ tag, version, changelog, repository, githubRepository }: ReleaseInputs): string[] {
  const problems: string[] = [];
  // npm refuses a provenance statement whose source repository package.json does not name.
  const url = typeof repository === 'string' ? repository : repository?.url;
  if (githubRepository && !url?.toLowerCase().includes(`github.com/${githubRepository.toLowerCase()}`)) {
    problems.push(`package.json's repository must be https://github.com/${githubRepository} for npm's provenance check`);
  }
  if (tag !== `v${version}`)
    problems.push(`the tag ${tag || '(none)'} does not match package.json's version: expected v${version}`);
  if (changelogEntry(changelog, version) === undefined) {
    problems.push(`CHANGELOG.md has no entry for ${version}: add a "## ${version}" section saying what changed`);
  }
  return problems;
}

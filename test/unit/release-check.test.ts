import { describe, expect, it } from 'vitest';
import { changelogEntry, releaseProblems } from '../../scripts/lib/release-check.js';

const CHANGELOG = '# Changelog\n\n## Unreleased\n\n## 1.2.0\n\n- Vue renderer\n\n## 1.1.0\n\n- first\n';

describe('release check', () => {
  it('finds the section of a version, up to the next one', () => {
    expect(changelogEntry(CHANGELOG, '1.2.0')).toBe('- Vue renderer');
    expect(changelogEntry(CHANGELOG, '1.1.0')).toBe('- first');
  });

  it('treats a missing or empty section as no entry, and never matches a longer version', () => {
    expect(changelogEntry(CHANGELOG, '1.3.0')).toBeUndefined();
    expect(changelogEntry('## 1.3.0\n\n## 1.2.0\n- x\n', '1.3.0')).toBeUndefined();
    expect(changelogEntry('## 1.2.0-beta.1\n- x\n', '1.2.0')).toBeUndefined();
    expect(changelogEntry('## 1.2.0.1\n- x\n', '1.2.0')).toBeUndefined();
  });

  it('passes a tag that names the version with an entry', () => {
    expect(releaseProblems({ tag: 'v1.2.0', version: '1.2.0', changelog: CHANGELOG })).toEqual([]);
  });

  it('refuses a tag for another version, and a version without an entry', () => {
    expect(releaseProblems({ tag: 'v1.2.1', version: '1.2.0', changelog: CHANGELOG })).toEqual([
      "the tag v1.2.1 does not match package.json's version: expected v1.2.0",
    ]);
    expect(releaseProblems({ tag: 'v1.3.0', version: '1.3.0', changelog: CHANGELOG })).toEqual([
      'CHANGELOG.md has no entry for 1.3.0: add a "## 1.3.0" section saying what changed',
    ]);
  });

  it("refuses to publish from a repository package.json does not name (npm's provenance check would)", () => {
    const base = { tag: 'v1.2.0', version: '1.2.0', changelog: CHANGELOG, githubRepository: 'acme/create-electron-clerk-trpc' };
    expect(
      releaseProblems({ ...base, repository: { url: 'git+https://github.com/acme/create-electron-clerk-trpc.git' } }),
    ).toEqual([]);
    expect(releaseProblems({ ...base, repository: 'https://github.com/Acme/create-electron-clerk-trpc' })).toEqual([]);
    expect(releaseProblems({ ...base, repository: 'https://github.com/someone-else/fork' })).toEqual([
      "package.json's repository must be https://github.com/acme/create-electron-clerk-trpc for npm's provenance check",
    ]);
    expect(releaseProblems(base)).toHaveLength(1);
  });
});

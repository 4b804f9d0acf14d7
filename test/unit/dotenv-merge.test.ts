import { describe, expect, it } from 'vitest';
import { dotenvKeys, hasDotenvValue, isDotenvPath, mergeDotenv } from '../../src/core/dotenv-merge.js';

describe('mergeDotenv', () => {
  const generated = '# Local settings\nVITE_CLERK_PUBLISHABLE_KEY=\n\n# Where main calls\nBACKEND_URL=http://127.0.0.1:8787\n';

  it('keeps every byte of theirs first and appends only the keys they lack, with their comments', () => {
    const theirs = 'MY_SECRET=s3cr3t\r\nexport VITE_CLERK_PUBLISHABLE_KEY=pk_test_mine';
    const merged = mergeDotenv(theirs, generated);
    expect(merged.added).toEqual(['BACKEND_URL']);
    expect(merged.contents.startsWith(theirs)).toBe(true);
    expect(merged.contents).toContain('# Where main calls\nBACKEND_URL=http://127.0.0.1:8787\n');
    expect([...dotenvKeys(merged.contents)]).toEqual(['MY_SECRET', 'VITE_CLERK_PUBLISHABLE_KEY', 'BACKEND_URL']);
    expect(merged.contents.match(/VITE_CLERK_PUBLISHABLE_KEY=/g)).toHaveLength(1);
  });

  it('leaves a file that already has every key exactly as it was', () => {
    const theirs = 'VITE_CLERK_PUBLISHABLE_KEY=x\nBACKEND_URL=y\n';
    expect(mergeDotenv(theirs, generated)).toEqual({ contents: theirs, added: [] });
  });

  it.each([
    ['.env', true],
    ['.env.local', true],
    ['backend/.dev.vars', true],
    ['backend/.env', true],
    ['README.md', false],
    ['src/env.ts', false],
  ])('%s is merged: %s', (path, expected) => {
    expect(isDotenvPath(path)).toBe(expected);
  });
});

describe('hasDotenvValue', () => {
  it('is true only for a non-empty value, quoted or not, comments aside', () => {
    expect(hasDotenvValue('A=1\n', 'A')).toBe(true);
    expect(hasDotenvValue('export A="x"\n', 'A')).toBe(true);
    expect(hasDotenvValue('A=\n', 'A')).toBe(false);
    expect(hasDotenvValue('A=""\n', 'A')).toBe(false);
    expect(hasDotenvValue('A= # set later\n', 'A')).toBe(false);
    expect(hasDotenvValue('# A=1\nAB=1\n', 'A')).toBe(false);
  });
});

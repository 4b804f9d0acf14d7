import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGitignorePath, mergeGitignore } from '../../src/core/gitignore-merge.js';
import { mergeExistingDotenvFiles } from '../../src/io/existing-dotenv.js';

describe('mergeGitignore', () => {
  it("keeps every line of the user's file and appends only our patterns they lack", () => {
    const merge = mergeGitignore('# mine\nsecret.pem\n.npmrc\nnode_modules', 'node_modules\n# build\nout\ndist\nout\n');
    expect(merge.added).toEqual(['out', 'dist']);
    expect(merge.contents.startsWith('# mine\nsecret.pem\n.npmrc\nnode_modules\n')).toBe(true);
    expect(merge.contents).toMatch(/\nout\ndist\n$/);
  });

  it('changes nothing when every pattern is already there', () => {
    expect(mergeGitignore('out\nnode_modules\n', 'node_modules\nout\n')).toEqual({ contents: 'out\nnode_modules\n', added: [] });
  });

  it('applies to .gitignore files at any depth, nothing else', () => {
    expect(isGitignorePath('.gitignore')).toBe(true);
    expect(isGitignorePath('backend/.gitignore')).toBe(true);
    expect(isGitignorePath('.gitignore.example')).toBe(false);
  });
});

describe('--force with an existing .gitignore', () => {
  it('merges it into the plan, so the files the user ignored stay ignored', () => {
    const target = mkdtempSync(join(tmpdir(), 'cect-gitignore-'));
    try {
      writeFileSync(join(target, '.gitignore'), 'secret.pem\n.npmrc\n');
      const plan = new Map([['.gitignore', Buffer.from('node_modules\nout\n')]]);
      const notes = mergeExistingDotenvFiles(target, plan);
      expect(notes).toEqual([{ path: '.gitignore', added: ['node_modules', 'out'] }]);
      expect(plan.get('.gitignore')!.toString()).toMatch(/^secret\.pem\n\.npmrc\n[\s\S]*node_modules\nout\n$/);
      expect(readFileSync(join(target, '.gitignore'), 'utf8')).toBe('secret.pem\n.npmrc\n');
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });
});

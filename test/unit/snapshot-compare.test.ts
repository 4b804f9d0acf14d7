import { describe, expect, it } from 'vitest';
import { compareManifests, compareTree, manifestOf, storedPath } from '../snapshots/presets.js';

describe('snapshot comparison', () => {
  const plan = new Map([
    ['.gitignore', Buffer.from('node_modules\n')],
    ['src/a.ts', Buffer.from('a')],
    ['src/b.ts', Buffer.from('b')],
  ]);

  it('finds nothing when the stored tree matches', () => {
    const stored = new Map([...plan].map(([path, contents]) => [storedPath(path), contents]));
    expect(compareTree(plan, stored)).toEqual({ missing: [], unexpected: [], changed: [] });
  });

  it('names changed, missing and unexpected files', () => {
    const stored = new Map([
      ['_gitignore', Buffer.from('node_modules\n')],
      ['src/a.ts', Buffer.from('A')],
      ['src/old.ts', Buffer.from('old')],
    ]);
    expect(compareTree(plan, stored)).toEqual({ missing: ['src/b.ts'], unexpected: ['src/old.ts'], changed: ['src/a.ts'] });
  });

  it('stores .gitignore files under their template name so they do not act on the repository', () => {
    expect(storedPath('.gitignore')).toBe('_gitignore');
    expect(storedPath('backend/.gitignore')).toBe('backend/_gitignore');
    // Rendered .env files are stored renamed too: a tracked .env is a secret-leak pattern.
    expect(storedPath('.env')).toBe('_env');
    expect(storedPath('.env.example')).toBe('.env.example');
    expect(storedPath('src/x.gitignore.ts')).toBe('src/x.gitignore.ts');
  });

  it('manifests hash every file: a one-byte change, a new and a removed file are each named', () => {
    const stored = manifestOf(plan);
    expect(stored.split('\n').filter(Boolean)).toHaveLength(3);
    expect(stored).toContain('  _gitignore\n');
    expect(compareManifests(manifestOf(plan), stored)).toEqual({ missing: [], unexpected: [], changed: [] });
    const edited = new Map(plan);
    edited.set('src/a.ts', Buffer.from('b'));
    edited.delete('src/b.ts');
    edited.set('src/c.ts', Buffer.from('c'));
    expect(compareManifests(manifestOf(edited), stored)).toEqual({
      missing: ['src/c.ts'],
      unexpected: ['src/b.ts'],
      changed: ['src/a.ts'],
    });
  });
});

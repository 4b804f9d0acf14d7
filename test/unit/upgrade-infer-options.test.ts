import { describe, expect, it } from 'vitest';
import { inferOptions } from '../../src/upgrade/infer-options.js';

function infer(files: Record<string, string>) {
  return inferOptions(Object.keys(files), (path) => files[path]);
}

describe('inferOptions', () => {
  it('reads framework, backend, storage, package manager, scheme and name from an app’s files', () => {
    const inferred = infer({
      'package.json': JSON.stringify({ name: 'notes', packageManager: 'pnpm@10.0.0', dependencies: { vue: '3' } }),
      'backend/wrangler.jsonc': '{}',
      'src/main/storage/keychain-token-storage.ts': '',
      'electron-builder.yml': 'protocols:\n  - name: notes\n    schemes:\n      - notesapp\n',
    });
    expect(inferred).toMatchObject({
      projectName: 'notes',
      framework: 'vue',
      backend: 'cloudflare',
      tokenStorage: 'keychain',
      packageManager: 'pnpm',
      scheme: 'notesapp',
    });
    expect(inferred.reasons).toContain('backend cloudflare: backend/wrangler.jsonc');
  });

  it('falls back to vanilla, node (a backend/ folder without wrangler), safe-storage and the lockfile', () => {
    const inferred = infer({
      'package.json': JSON.stringify({ name: 'x', devDependencies: { vite: '7' } }),
      'backend/src/index.ts': '',
      'yarn.lock': '',
    });
    expect(inferred).toMatchObject({
      framework: 'vanilla',
      backend: 'node',
      tokenStorage: 'safe-storage',
      packageManager: 'yarn',
    });
    expect(inferred.scheme).toBeUndefined();
  });

  it('finds no backend without a backend/ folder, and react from its dependency', () => {
    const inferred = infer({
      'package.json': JSON.stringify({ dependencies: { react: '19' } }),
      'src/main/storage/memory-storage.ts': '',
    });
    expect(inferred).toMatchObject({ framework: 'react', backend: 'none', tokenStorage: 'memory', packageManager: 'npm' });
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTree, PRESETS, readStoredTree, renderPreset, SNAPSHOT_ROOT } from './presets.js';

describe('rendered output matches the committed snapshot trees (update: npm run test:snapshots:update)', () => {
  it('covers every framework × backend × token storage', () => {
    expect(new Set(PRESETS.map((preset) => preset.name)).size).toBe(27);
  });

  it.each(PRESETS.map((preset) => [preset.name, preset] as const))('%s', (name, preset) => {
    const stored = readStoredTree(join(SNAPSHOT_ROOT, name));
    expect(stored.size, `test/snapshots/${name} is missing: run npm run test:snapshots:update`).toBeGreaterThan(0);
    const difference = compareTree(renderPreset(preset), stored);
    const report = [
      ...difference.changed.map((path) => `changed:    ${name}/${path}`),
      ...difference.missing.map((path) => `not stored: ${name}/${path}`),
      ...difference.unexpected.map((path) => `no longer rendered: ${name}/${path}`),
    ];
    expect(report, 'rendered output differs from the snapshot; if intended, run npm run test:snapshots:update and review git diff').toEqual([]);
  });
});

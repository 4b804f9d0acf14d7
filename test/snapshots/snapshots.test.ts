import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADDON_IDS } from '../../src/options.js';
import {
  compareManifests,
  compareTree,
  EVERY_ADDON_PRESET,
  FULL_TREE_PRESETS,
  manifestOf,
  MANIFESTS_DIR,
  PRESETS,
  readStoredTree,
  renderPreset,
  storedTreeOf,
  TREES_DIR,
  type TreeDifference,
} from './presets.js';

const UPDATE = 'if intended, run npm run test:snapshots:update and review git diff test/snapshots';

function report(name: string, difference: TreeDifference): string[] {
  return [
    ...difference.changed.map((path) => `changed:    ${name}/${path}`),
    ...difference.missing.map((path) => `not stored: ${name}/${path}`),
    ...difference.unexpected.map((path) => `no longer rendered: ${name}/${path}`),
  ];
}

function readManifest(name: string): string {
  try {
    return readFileSync(join(MANIFESTS_DIR, `${name}.txt`), 'utf8');
  } catch {
    return '';
  }
}

describe('rendered output matches the committed snapshots (update: npm run test:snapshots:update)', () => {
  it('covers every framework × backend × token storage, and the default with every add-on', () => {
    expect(new Set(PRESETS.map((preset) => preset.name)).size).toBe(28);
    expect(PRESETS.find((preset) => preset.name === EVERY_ADDON_PRESET)?.options.addons).toEqual(ADDON_IDS);
  });

  it('stays reviewable: at most 2 MiB of stored snapshots (manifests for all, readable trees for a few)', () => {
    const root = dirname(MANIFESTS_DIR);
    const bytes = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /^(manifests|trees)/.test(join(entry.parentPath, entry.name).slice(root.length + 1)))
      .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
    expect(bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('stores full trees that use every framework, backend and token storage', () => {
    const full = PRESETS.filter((preset) => FULL_TREE_PRESETS.includes(preset.name)).map((preset) => preset.options);
    expect(new Set(full.map((options) => options.framework)).size).toBe(3);
    expect(new Set(full.map((options) => options.backend)).size).toBe(3);
    expect(new Set(full.map((options) => options.tokenStorage)).size).toBe(3);
  });

  describe.each(PRESETS.map((preset) => [preset.name, preset] as const))('%s', (name, preset) => {
    it('matches its manifest (every file, by hash)', () => {
      const stored = readManifest(name);
      expect(stored, `test/snapshots/manifests/${name}.txt is missing: run npm run test:snapshots:update`).not.toBe('');
      expect(report(name, compareManifests(manifestOf(renderPreset(preset)), stored)), UPDATE).toEqual([]);
    });

    it.runIf(FULL_TREE_PRESETS.includes(name))('matches its readable tree', () => {
      const stored = readStoredTree(join(TREES_DIR, name));
      expect(stored.size, `test/snapshots/trees/${name} is missing: run npm run test:snapshots:update`).toBeGreaterThan(0);
      const base = name === FULL_TREE_PRESETS[0] ? null : renderPreset(PRESETS.find((p) => p.name === FULL_TREE_PRESETS[0])!);
      expect(report(name, compareTree(storedTreeOf(renderPreset(preset), base), stored)), UPDATE).toEqual([]);
    });
  });
});

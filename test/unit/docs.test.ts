import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownAddonTable, markdownFlagTable, withAddonTable, withFlagTable } from '../../src/cli/docs-table.js';
import { VARIANTS } from '../../src/variants/registry.js';
import { OPTION_TABLE } from '../../src/cli/options-table.js';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'CLI.md'), 'utf8');

describe('docs/CLI.md', () => {
  it('has the flags table generated from the option table (fix: npm run docs:cli)', () => {
    expect(withFlagTable(doc)).toBe(doc);
  });

  it('has the add-ons table generated from the registry, one row per add-on (fix: npm run docs:cli)', () => {
    expect(withAddonTable(doc)).toBe(doc);
    for (const addon of VARIANTS.addons)
      expect(markdownAddonTable()).toContain(`| \`${addon.id}\` | ${addon.label}: ${addon.hint} |`);
  });

  it('the generated table names every option and its choices', () => {
    const table = markdownFlagTable();
    for (const spec of OPTION_TABLE) {
      expect(table).toContain(`--${spec.flag}`);
      if (spec.kind === 'choice' || spec.kind === 'multichoice')
        for (const choice of spec.choices) expect(table).toContain(choice.value);
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownFlagTable, withFlagTable } from '../../src/cli/docs-table.js';
import { OPTION_TABLE } from '../../src/cli/options-table.js';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'CLI.md'), 'utf8');

describe('docs/CLI.md', () => {
  it('has the flags table generated from the option table (fix: npm run docs:cli)', () => {
    expect(withFlagTable(doc)).toBe(doc);
  });

  it('the generated table names every option and its choices', () => {
    const table = markdownFlagTable();
    for (const spec of OPTION_TABLE) {
      expect(table).toContain(`--${spec.flag}`);
      if (spec.kind === 'choice') for (const choice of spec.choices) expect(table).toContain(choice.value);
    }
  });
});

/** Regenerates the flags and add-ons tables in docs/CLI.md from the option table and the registry:  npm run docs:cli */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withAddonTable, withFlagTable } from '../src/cli/docs-table.js';

const file = join(import.meta.dirname, '..', 'docs', 'CLI.md');
writeFileSync(file, withAddonTable(withFlagTable(readFileSync(file, 'utf8'))));
console.log('docs/CLI.md: flags and add-ons tables updated');

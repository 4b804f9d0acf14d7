/** Regenerates the flags table in docs/CLI.md from the option table:  npm run docs:cli */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withFlagTable } from '../src/cli/docs-table.js';

const file = join(import.meta.dirname, '..', 'docs', 'CLI.md');
writeFileSync(file, withFlagTable(readFileSync(file, 'utf8')));
console.log('docs/CLI.md: flags table updated');

/** docs/CLI.md's flags table, generated from the option table (a test keeps the doc in sync). */
import { flagRows } from './options-table.js';

export const TABLE_START = '<!-- flags:start (generated from src/cli/options-table.ts; npm run docs:cli) -->';
export const TABLE_END = '<!-- flags:end -->';

export function markdownFlagTable(): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const rows = flagRows().map(([flag, help]) => `| \`${escape(flag)}\` | ${escape(help)} |`);
  return ['| Flag | What it does |', '| --- | --- |', ...rows].join('\n');
}

/** Replaces the table between the markers in a document. */
export function withFlagTable(document: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start === -1 || end === -1) throw new Error('flags table markers not found');
  return `${document.slice(0, start + TABLE_START.length)}\n${markdownFlagTable()}\n${document.slice(end)}`;
}

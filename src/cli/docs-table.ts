/** docs/CLI.md's flags and add-ons tables, generated from the option table and the registry (a test keeps the doc in sync). */
import { VARIANTS } from '../variants/registry.js';
import { flagRows } from './options-table.js';

export const TABLE_START = '<!-- flags:start (generated from src/cli/options-table.ts; npm run docs:cli) -->';
export const TABLE_END = '<!-- flags:end -->';

export function markdownFlagTable(): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const rows = flagRows().map(([flag, help]) => `| \`${escape(flag)}\` | ${escape(help)} |`);
  return ['| Flag | What it does |', '| --- | --- |', ...rows].join('\n');
}

export const ADDONS_START = '<!-- addons:start (generated from src/addons/registry.ts; npm run docs:cli) -->';
export const ADDONS_END = '<!-- addons:end -->';

export function markdownAddonTable(): string {
  const rows = VARIANTS.addons.map(
    (addon) => `| \`${addon.id}\` | ${addon.label}: ${addon.hint} | ${addon.requiresBackend ? 'yes' : 'no'} |`,
  );
  return ['| Add-on | What it adds | Needs a backend |', '| --- | --- | --- |', ...rows].join('\n');
}

function between(document: string, start: string, end: string, table: string): string {
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`table markers not found: ${start}`);
  return `${document.slice(0, from + start.length)}\n${table}\n${document.slice(to)}`;
}

/** Replaces the flags table between its markers in a document. */
export function withFlagTable(document: string): string {
  return between(document, TABLE_START, TABLE_END, markdownFlagTable());
}

/** Replaces the add-ons table between its markers in a document. */
export function withAddonTable(document: string): string {
  return between(document, ADDONS_START, ADDONS_END, markdownAddonTable());
}

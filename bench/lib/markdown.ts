/** A markdown table. */
export const table = (header: readonly string[], rows: readonly (readonly (string | number)[])[]): string =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
    '\n',
  );

/** The matrix script's result table. */
export const MATRIX_STEPS = ['generate', 'install', 'typecheck', 'lint', 'test', 'kit-test', 'build'] as const;
export type MatrixStep = (typeof MATRIX_STEPS)[number];

export interface MatrixRow {
  name: string;
  ok: boolean;
  failedStep?: MatrixStep;
  /** Milliseconds per step that ran */
  ms: Partial<Record<MatrixStep, number>>;
  logsDir: string;
}

const seconds = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)}s`);

export function formatMatrixTable(rows: readonly MatrixRow[]): string {
  const header = ['combination', 'result', ...MATRIX_STEPS, 'total'];
  const body = rows.map((row) => {
    const total = MATRIX_STEPS.reduce((sum, step) => sum + (row.ms[step] ?? 0), 0);
    return [
      row.name,
      row.ok ? 'ok' : `FAIL:${row.failedStep}`,
      ...MATRIX_STEPS.map((step) => seconds(row.ms[step])),
      seconds(total),
    ];
  });
  const widths = header.map((cell, column) => Math.max(cell.length, ...body.map((cells) => cells[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/** Plain-text tables for people: columns padded to their widest cell, long cells cut with an ellipsis. */

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string;
  /** Cells longer than this are cut (default 60). */
  readonly max?: number;
  readonly align?: 'left' | 'right';
}

export function renderTable<T>(rows: readonly T[], columns: ReadonlyArray<Column<T>>): string {
  const cells = rows.map((r) => columns.map((c) => cut(oneLine(c.value(r)), c.max ?? 60)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] ?? '').length)));
  const pad = (s: string, i: number) => (columns[i]?.align === 'right' ? s.padStart(widths[i] ?? 0) : s.padEnd(widths[i] ?? 0));
  const line = (r: readonly string[]) => r.map(pad).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

function oneLine(s: string): string {
  // control characters from hostile input never reach the terminal
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}

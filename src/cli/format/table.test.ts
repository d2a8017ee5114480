import { describe, expect, it } from 'vitest';
import { renderTable } from './table.js';

describe('renderTable', () => {
  it('pads columns, right-aligns numbers, cuts long cells and strips control characters', () => {
    const rows = [
      { a: 'x', n: 5 },
      { a: 'long\u001b[31mvalue-here', n: 12345 },
    ];
    const out = renderTable(rows, [
      { header: 'NAME', value: (r) => r.a, max: 10 },
      { header: 'N', value: (r) => String(r.n), align: 'right' },
    ]);
    expect(out).toBe('NAME            N\nx               5\nlong [31m…  12345\n');
  });
});

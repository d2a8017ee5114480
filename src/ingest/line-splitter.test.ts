import { describe, expect, it } from 'vitest';
import { createLineSplitter } from './line-splitter.js';

type Got = Array<[number, string, boolean] | [number, 'too long', number]>;

function split(chunks: readonly Buffer[], max = 100, clean = true): { got: Got; dropped: boolean } {
  const got: Got = [];
  const s = createLineSplitter(max, {
    line: (text, n, invalid) => got.push([n, text, invalid]),
    tooLong: (n, length) => got.push([n, 'too long', length]),
  });
  for (const c of chunks) s.push(c);
  const { droppedPartialLine } = s.end(clean);
  return { got, dropped: droppedPartialLine };
}

function everySplit(buf: Buffer): Buffer[][] {
  const out: Buffer[][] = [];
  for (let i = 0; i <= buf.length; i++) out.push([buf.subarray(0, i), buf.subarray(i)]);
  return out;
}

describe('line splitter', () => {
  it('splits on \\n and \\r\\n, numbers every line, keeps a last line without ending', () => {
    expect(split([Buffer.from('a\r\nb\n\nc')]).got).toEqual([
      [1, 'a', false],
      [2, 'b', false],
      [3, '', false],
      [4, 'c', false],
    ]);
  });

  it('gives the same lines for every chunk boundary, multi-byte characters included', () => {
    const buf = Buffer.from('héllo\r\nwörld €\n😀 end\r\n');
    const expected = split([buf]).got;
    expect(expected.map((g) => g[1])).toEqual(['héllo', 'wörld €', '😀 end']);
    for (const chunks of everySplit(buf)) expect(split(chunks).got).toEqual(expected);
  });

  it('replaces invalid UTF-8 and flags the line, but not a genuine U+FFFD', () => {
    const bad = Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xff, 0xc3]), Buffer.from(' x\n')]);
    expect(split([bad]).got).toEqual([
      [1, 'ok', false],
      [2, 'bad \ufffd\ufffd x', true],
    ]);
    expect(split([Buffer.from('real \ufffd\n')]).got).toEqual([[1, 'real \ufffd', false]]);
  });

  it('skips a line over the limit without holding it, then carries on', () => {
    const long = `${'x'.repeat(1000)}\n`;
    const buf = Buffer.from(`short\n${long}after\n`);
    const expected: Got = [
      [1, 'short', false],
      [2, 'too long', 1000],
      [3, 'after', false],
    ];
    expect(split([buf], 100).got).toEqual(expected);
    const chunks: Buffer[] = [];
    for (let i = 0; i < buf.length; i += 7) chunks.push(buf.subarray(i, i + 7));
    expect(split(chunks, 100).got).toEqual(expected);
  });

  it('accepts a line of exactly the limit, with or without \\r', () => {
    expect(split([Buffer.from(`${'y'.repeat(100)}\r\n${'z'.repeat(101)}\n`)], 100).got).toEqual([
      [1, 'y'.repeat(100), false],
      [2, 'too long', 101],
    ]);
  });

  it('reports an over-long last line without ending', () => {
    expect(split([Buffer.from('a\n'), Buffer.from('b'.repeat(500))], 100).got).toEqual([
      [1, 'a', false],
      [2, 'too long', 500],
    ]);
  });

  it('drops the partial last line when the input was cut short', () => {
    expect(split([Buffer.from('a\nparti')], 100, false)).toEqual({ got: [[1, 'a', false]], dropped: true });
  });
});

import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '../core/index.js';
import { createDecodeContext } from './decode-context.js';
import { createLineDecoder } from './line-decoder.js';

function run(text: string | Buffer, parse: Parameters<typeof createLineDecoder>[1], maxLineBytes?: number): SourceEvent[] {
  const d = createLineDecoder(createDecodeContext('x.log', { maxLineBytes }), parse);
  const out: SourceEvent[] = [];
  d.push(Buffer.from(text), out);
  d.end(out, true);
  return out;
}

const echo: Parameters<typeof createLineDecoder>[1] = (text, at) => ({ kind: 'skipped', code: 'E_LOG_LINE', location: `${at.file}:${at.line}`, reason: text });
const show = (out: readonly SourceEvent[]): string[] => out.map((e) => (e.kind === 'skipped' ? `${e.code} ${e.location} ${e.reason}` : e.kind));

describe('line decoder', () => {
  it('passes non-blank lines to the parser with their 1-based line number', () => {
    expect(show(run('a\n\n  \nb\r\n', echo))).toEqual(['E_LOG_LINE x.log:1 a', 'E_LOG_LINE x.log:4 b']);
  });

  it('reports over-long lines and invalid UTF-8 with their line', () => {
    const text = Buffer.concat([Buffer.from(`ok\n${'x'.repeat(50)}\nbad`), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(show(run(text, echo, 20))).toEqual([
      'E_LOG_LINE x.log:1 ok',
      'E_LINE_TOO_LONG x.log:2 the line is over 20 characters (50 seen); it was skipped without being read',
      'E_INVALID_UTF8 x.log:3 bytes that are not UTF-8 were replaced by U+FFFD; the line was still read',
      'E_LOG_LINE x.log:3 bad\ufffd',
    ]);
  });

  it('reports the first 100 lines with invalid UTF-8, then counts the rest once', () => {
    const line = Buffer.concat([Buffer.from('v'), Buffer.from([0xfe]), Buffer.from('\n')]);
    const out = run(Buffer.concat(Array.from({ length: 130 }, () => line)), () => ({ kind: 'skipped', code: 'E_LOG_LINE', location: '', reason: '' }));
    const utf8 = out.filter((e) => e.kind === 'skipped' && e.code === 'E_INVALID_UTF8');
    expect(utf8.length).toBe(101);
    expect(utf8.at(-1)).toMatchObject({ location: 'x.log', reason: '30 more lines had bytes that are not UTF-8 (replaced by U+FFFD)' });
  });

  it('reports a parser that throws as E_INTERNAL for that line and reads the rest', () => {
    const out = run('a\nboom\nb\n', (text, at) => {
      if (text === 'boom') throw new Error('parser bug');
      return echo(text, at);
    });
    expect(show(out)).toEqual(['E_LOG_LINE x.log:1 a', 'E_INTERNAL x.log:2 the line could not be read: parser bug', 'E_LOG_LINE x.log:3 b']);
  });
});

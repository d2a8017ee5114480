import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from './multipart.js';

const body = [
  '--XyZ',
  'Content-Disposition: form-data; name="title"',
  '',
  'Hello',
  '--XyZ',
  'Content-Disposition: form-data; name="file"; filename="a b.txt"',
  'Content-Type: text/plain',
  '',
  'line 1\r\nline 2',
  '--XyZ--',
  '',
].join('\r\n');

describe('multipart/form-data', () => {
  it('reads the boundary parameter (quoted or not)', () => {
    expect(boundaryOf('multipart/form-data; boundary=XyZ')).toBe('XyZ');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a;b c"')).toBe('a;b c');
    expect(boundaryOf('multipart/form-data')).toBeUndefined();
  });

  it('parses fields and files', () => {
    expect(parseMultipart(body, 'XyZ')).toEqual({
      ok: true,
      parts: [
        { name: 'title', content: 'Hello' },
        { name: 'file', filename: 'a b.txt', contentType: 'text/plain', content: 'line 1\r\nline 2' },
      ],
    });
  });

  it('accepts bare LF line breaks', () => {
    const lf = '--b\nContent-Disposition: form-data; name=x\n\n1\n--b--\n';
    expect(parseMultipart(lf, 'b')).toEqual({ ok: true, parts: [{ name: 'x', content: '1' }] });
  });

  it.each([
    ['no boundary in body', 'hello', 'XyZ', /does not occur/],
    ['truncated', '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nabc', 'XyZ', /closing boundary/],
    ['no name', '--XyZ\r\nContent-Type: text/plain\r\n\r\nabc\r\n--XyZ--', 'XyZ', /no Content-Disposition name/],
    ['bad boundary', '--\r\n', '', /invalid boundary/],
  ])('rejects %s', (_what, text, boundary, error) => {
    const r = parseMultipart(text, boundary);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('bounds the number of parts', () => {
    const many = `${Array.from({ length: 5 }, (_, i) => `--b\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv`).join('\r\n')}\r\n--b--`;
    expect(parseMultipart(many, 'b', { maxParts: 3 })).toEqual({ ok: false, error: 'more than 3 parts' });
    const r = parseMultipart(many, 'b');
    expect(r.ok && r.parts.length).toBe(5);
  });
});

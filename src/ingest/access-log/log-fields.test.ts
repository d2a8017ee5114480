import { describe, expect, it } from 'vitest';
import { findClosingQuote, parseCount, parseRequestLine, unescapeLogField } from './log-fields.js';

describe('log fields', () => {
  it.each([
    ['abc" rest', 0, 3],
    [String.raw`a\"b" rest`, 0, 4],
    [String.raw`a\\" rest`, 0, 3],
    [String.raw`a\\\"b"`, 0, 6],
    ['no quote', 0, -1],
  ])('finds the closing quote in %j', (s, from, expected) => {
    expect(findClosingQuote(s, from)).toBe(expected);
  });

  it.each([
    ['plain', 'plain'],
    [String.raw`say \"hi\"`, 'say "hi"'],
    [String.raw`back\\slash`, 'back\\slash'],
    [String.raw`\xE2\x82\xAC and \x41`, '€ and A'],
    [String.raw`tab\there`, 'tab\there'],
    [String.raw`bad \xZZ and \q`, String.raw`bad \xZZ and \q`],
    [String.raw`lone \xff`, 'lone \ufffd'],
    ['ends with \\', 'ends with \\'],
  ])('unescapes %j', (s, expected) => {
    expect(unescapeLogField(s)).toBe(expected);
  });

  it.each([
    ['GET /a?b=1 HTTP/1.1', { method: 'GET', scheme: 'http', host: '', target: '/a?b=1', httpVersion: 'HTTP/1.1' }],
    ['get /a HTTP/1.0', { method: 'GET', scheme: 'http', host: '', target: '/a', httpVersion: 'HTTP/1.0' }],
    ['OPTIONS * HTTP/1.1', { method: 'OPTIONS', scheme: 'http', host: '', target: '*', httpVersion: 'HTTP/1.1' }],
    ['GET https://Ex.com:443/x HTTP/1.1', { method: 'GET', scheme: 'https', host: 'ex.com', target: '/x', httpVersion: 'HTTP/1.1' }],
    ['PROPFIND /dav', { method: 'PROPFIND', scheme: 'http', host: '', target: '/dav' }],
  ])('parses the request line %j', (line, expected) => {
    expect(parseRequestLine(line)).toEqual(expected);
  });

  it.each([
    ['-', /no request line/],
    ['', /no request line/],
    ['GET', /no target/],
    ['\u0016\u0003\u0001 x', /does not start with an HTTP method/],
    ['123 / HTTP/1.1', /does not start with an HTTP method/],
    ['GET HTTP/1.1', /the request target "HTTP\/1.1" is neither an absolute/],
  ])('refuses the request line %j', (line, reason) => {
    expect(parseRequestLine(line)).toMatch(reason);
  });

  it('reads counts and refuses anything but digits', () => {
    expect(parseCount('203023')).toBe(203023);
    expect(parseCount('0')).toBe(0);
    for (const s of ['-', '', '12k', '-1', '1.5', '9'.repeat(16)]) expect(parseCount(s)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { ViewCache, base64Decode, compressWhitespace, decodeAll, htmlDecode, jsDecode, lowercase, normalizePath, removeComments, removeNulls, removeWhitespace, urlDecode } from './index.js';
import { urlDecodeOnce } from './url-decode.js';

describe('urlDecode', () => {
  it.each([
    ['%27%20OR%201%3D1', "' OR 1=1"],
    ['%2527', "'"], // double
    ['%252527', "'"], // triple
    ['%25252527', '%27'], // four levels: bounded at three
    ['%u003cscript%u003e', '<script>'],
    ['%uFF1Cscript', '<script'], // full-width < maps to ASCII
    ['..%c0%af..%c0%afetc', '../../etc'], // overlong UTF-8
    ['%e0%80%ae%e0%80%ae/', '../'], // 3-byte overlong dot
    ['caf%C3%A9', 'café'],
    ['%zz%4', '%zz%4'], // malformed kept
    ['Jam%F3n', 'Jamón'], // lone Latin-1 byte
    ['a+b', 'a+b'],
    ['', ''],
  ])('%s -> %s', (input, want) => expect(urlDecode(input)).toBe(want));
  it('decodes one level at a time with urlDecodeOnce', () => expect(urlDecodeOnce('%2527')).toBe('%27'));
});

describe('htmlDecode', () => {
  it.each([
    ['&lt;script&gt;', '<script>'],
    ['&#x6a&#x61&#x76&#x61', 'java'], // hex without semicolons
    ['&#106;&#97', 'ja'], // decimal, last without semicolon
    ['&lt;img', '<img'],
    ['&colon;&NewLine;', ':\n'],
    ['AT&T', 'AT&T'],
    ['no entities', 'no entities'],
  ])('%s -> %s', (input, want) => expect(htmlDecode(input)).toBe(want));
});

describe('jsDecode', () => {
  it.each([
    ['\\u0070roto', 'proto'],
    ['\\u{3c}', '<'],
    ['\\x3cscript\\x3e', '<script>'],
    ['\\141lert', 'alert'], // octal
    ['C:\\windows\\system32', 'C:\\windows\\system32'], // not escapes
    ['\\\\u0041', '\\\\u0041'], // escaped backslash stays
    ['\\u00', '\\u00'], // truncated kept
  ])('%s -> %s', (input, want) => expect(jsDecode(input)).toBe(want));
});

describe('simple transforms', () => {
  it('lowercase folds case', () => expect(lowercase('SeLeCT')).toBe('select'));
  it('compressWhitespace turns runs of any whitespace into one space', () => expect(compressWhitespace('a \t\r\n\u000b b\u00a0\u00a0c')).toBe('a b c'));
  it('removeWhitespace drops all whitespace', () => expect(removeWhitespace('c a\tt\n/etc')).toBe('cat/etc'));
  it('removeNulls drops NUL bytes', () => expect(removeNulls('shell.php\0.jpg')).toBe('shell.php.jpg'));
});

describe('removeComments', () => {
  it.each([
    ['UNION/**/SELECT', 'UNION SELECT'],
    ['UN/*x*/ION', 'UN ION'],
    ['/*!50000union*/ select', ' union  select'], // MySQL executable comment keeps its body
    ['<!-- x -->alert(1)', ' alert(1)'],
    ['a /* unterminated', 'a  '],
    ['plain text', 'plain text'],
  ])('%s -> %s', (input, want) => expect(removeComments(input)).toBe(want));
});

describe('normalizePath', () => {
  it.each([
    ['/etc/./passwd', '/etc/passwd'],
    ['/var/www/../../etc//passwd', '/etc/passwd'],
    ['..\\..\\windows\\win.ini', '../../windows/win.ini'],
    ['../../../etc/passwd', '../../../etc/passwd'], // climbing above the start is kept
    ['/a/b', '/a/b'],
  ])('%s -> %s', (input, want) => expect(normalizePath(input)).toBe(want));
});

describe('base64Decode', () => {
  it('decodes runs that look like base64 into printable text', () => {
    expect(base64Decode('cHJvdG90eXBlY2xvbmVmYWN0b3J5')).toBe('prototypeclonefactory');
    expect(base64Decode('x=' + Buffer.from('java.lang.Runtime').toString('base64url'))).toBe('java.lang.Runtime');
  });
  it('drops short runs and runs that decode to binary noise', () => {
    expect(base64Decode('hello')).toBe('');
    expect(base64Decode('a3f9c2e1b7d4a3f9c2e1b7d4')).toBe(''); // a hex id
  });
  it('is bounded in the number of runs', () => {
    const many = Array.from({ length: 100 }, () => Buffer.from('hello world!').toString('base64')).join(' ');
    expect(base64Decode(many).split(' ').filter((w) => w === 'hello').length).toBe(16);
  });
});

describe('decodeAll', () => {
  it.each([
    ['%26lt%3Bscript%26gt%3B', '<script>'], // URL then HTML
    ['%5Cu003cscript', '<script'], // URL then JS
    ['&#x25;3c', '<'], // HTML then URL
    ['a%00b', 'ab'],
  ])('%s -> %s', (input, want) => expect(decodeAll(input)).toBe(want));
});

describe('ViewCache', () => {
  it('computes each chain once and reuses prefixes', () => {
    const v = new ViewCache('%3CScRiPt%3E');
    const a = v.get(['urlDecode', 'lowercase']);
    expect(a).toBe('<script>');
    expect(v.get(['urlDecode'])).toBe('<ScRiPt>');
    expect(v.get(['urlDecode', 'lowercase'])).toBe(a);
    expect(v.get([])).toBe('%3CScRiPt%3E');
  });
});

import { describe, expect, it } from 'vitest';
import { formatError, type RampartError } from '../core/errors.js';
import { decodeDocumentBytes, findJsonSyntaxError, looksLikeJson, parseDocumentText } from './parse-document.js';

function errorOf(fn: () => unknown): RampartError {
  try {
    fn();
  } catch (e) {
    return e as RampartError;
  }
  throw new Error('expected an error');
}

describe('parseDocumentText', () => {
  it('refuses a YAML alias bomb quickly, and accepts ordinary anchors', () => {
    const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    let text = 'openapi: 3.0.0\na: &a [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < levels.length; i++) text += `${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(', ')}]\n`;
    expect(() => parseDocumentText(text, 'bomb.yaml')).toThrow(/alias bomb/);
    expect(parseDocumentText('base: &b {type: string}\nx: *b\ny: *b\n', 'ok.yaml').value).toEqual({ base: { type: 'string' }, x: { type: 'string' }, y: { type: 'string' } });
  });

  it('parses JSON and YAML (YAML 1.2 core: dates and yes/no stay strings, merge keys work)', () => {
    expect(parseDocumentText('{"a": [1, 2]}', 'x.json')).toEqual({ value: { a: [1, 2] }, syntax: 'json' });
    const y = parseDocumentText('base: &b {x: 1}\nd: 2024-01-01\nf: yes\nv: 2.0\nm:\n  <<: *b\n  y: 2\n', 'x.yaml');
    expect(y.syntax).toBe('yaml');
    expect(y.value).toEqual({ base: { x: 1 }, d: '2024-01-01', f: 'yes', v: 2, m: { x: 1, y: 2 } });
  });

  it('reports bad YAML at file:line:column', () => {
    const e = errorOf(() => parseDocumentText('openapi: 3.0.0\npaths:\n  /a: [1,\n    b: c: d\n', 'api.yaml'));
    expect(e.code).toBe('E_SPEC_PARSE');
    expect(e.location).toBe('api.yaml:4:9');
    expect(formatError(e)).toMatch(/^api\.yaml:4:9: invalid YAML: .+ \[E_SPEC_PARSE\]/);
  });

  it('reports duplicate YAML keys with their line', () => {
    const e = errorOf(() => parseDocumentText('a: 1\nb: 2\na: 3\n', 'dup.yaml'));
    expect(e.code).toBe('E_SPEC_PARSE');
    expect(e.location).toBe('dup.yaml:3:1');
    expect(e.message).toMatch(/duplicated mapping key/);
  });

  it('reports bad JSON at file:line:column without quoting the text', () => {
    const e = errorOf(() => parseDocumentText('{\n  "openapi": "3.0.0",\n  "paths": {,}\n}', 'api.json'));
    expect(e.code).toBe('E_SPEC_PARSE');
    expect(e.location).toBe('api.json:3:13');
    expect(e.message).toBe('invalid JSON: unexpected "," where a property name in double quotes was expected');
  });

  it('rejects empty input and NUL characters', () => {
    expect(errorOf(() => parseDocumentText('  \n', 'e.yaml')).code).toBe('E_INPUT_EMPTY');
    expect(errorOf(() => parseDocumentText('a: 1\u0000', 'n.yaml')).code).toBe('E_SPEC_PARSE');
  });

  it('multi-document YAML is an error', () => {
    expect(errorOf(() => parseDocumentText('a: 1\n---\nb: 2\n', 'm.yaml')).message).toMatch(/single document/);
  });
});

describe('decodeDocumentBytes', () => {
  it('rejects binary garbage and invalid UTF-8, drops a BOM', () => {
    expect(errorOf(() => decodeDocumentBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'x.png')).message).toMatch(/NUL byte at offset 4/);
    expect(errorOf(() => decodeDocumentBytes(Uint8Array.from([0x61, 0xff, 0xfe, 0x62]), 'x.yaml')).message).toMatch(/not UTF-8/);
    expect(decodeDocumentBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), 'b.json')).toBe('{}');
  });
});

describe('findJsonSyntaxError', () => {
  it.each([
    ['{"a": 1,}', 8, /property name/],
    ['[1, 2,]', 6, /trailing comma/],
    ['{"a" 1}', 5, /':' was expected/],
    ['{"a": "x\ny"}', 8, /control character/],
    ['{"a": tru}', 6, /value was expected/],
    ['{"a": 1', 7, /end of input/],
    ['[1] x', 4, /after the end/],
    ['{"a": "\\q"}', 7, /bad escape/],
  ])('%j → offset %i', (text, offset, message) => {
    const r = findJsonSyntaxError(text);
    expect(r.offset).toBe(offset);
    expect(r.message).toMatch(message);
  });

  it('detects JSON by its first character', () => {
    expect(looksLikeJson(' \n{"a":1}')).toBe(true);
    expect(looksLikeJson('[1]')).toBe(true);
    expect(looksLikeJson('openapi: 3.0.0')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { headerValue, mediaType, normaliseHost, parseCookies, parseQuery, safeDecode, splitTarget } from './http.js';

describe('http helpers', () => {
  it('splits a request-target into path and query, dropping the fragment', () => {
    expect(splitTarget('/a/b?x=1&y=2#frag')).toEqual({ path: '/a/b', query: 'x=1&y=2' });
    expect(splitTarget('/a')).toEqual({ path: '/a', query: '' });
  });

  it('parses queries leniently: plus as space, malformed escapes kept, empty parts dropped', () => {
    expect(parseQuery('q=a+b&x=%41%zz&&flag')).toEqual([
      ['q', 'a b'],
      ['x', 'A%zz'],
      ['flag', ''],
    ]);
    expect(parseQuery('a=1&a=2', 1)).toEqual([['a', '1']]);
  });

  it('decodes valid escape runs around invalid ones', () => {
    expect(safeDecode('%E2%82%AC%')).toBe('€%');
    expect(safeDecode('%ff')).toBe('%ff');
  });

  it('parses cookies with quoted values', () => {
    expect(parseCookies('a=1; b="two"; =x; c')).toEqual([
      ['a', '1'],
      ['b', 'two'],
    ]);
  });

  it('looks headers up case-insensitively and reads the media type', () => {
    const h = [['content-type', 'Application/JSON; charset=utf-8']] as const;
    expect(headerValue(h, 'Content-Type')).toBe('Application/JSON; charset=utf-8');
    expect(mediaType(h)).toBe('application/json');
  });

  it('removes default ports', () => {
    expect(normaliseHost('API.Example.com:443', 'https')).toBe('api.example.com');
    expect(normaliseHost('api.example.com:8443', 'https')).toBe('api.example.com:8443');
  });
});

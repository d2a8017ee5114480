import { describe, expect, it } from 'vitest';
import { splitRequestUrl } from './request-url.js';

describe('splitRequestUrl', () => {
  it.each([
    ['https://a.example/x?y=1#f', { scheme: 'https', host: 'a.example', target: '/x?y=1' }],
    ['http://a.example', { scheme: 'http', host: 'a.example', target: '/' }],
    ['http://a.example?q', { scheme: 'http', host: 'a.example', target: '/?q' }],
    ['http://a.example#top', { scheme: 'http', host: 'a.example', target: '/' }],
    ['https://u:p@a.example:443/x', { scheme: 'https', host: 'a.example', target: '/x' }],
    ['https://a.example/./a/../b/%2e%2e/%ZZ', { scheme: 'https', host: 'a.example', target: '/./a/../b/%2e%2e/%ZZ' }],
    ['/origin/form?x', { scheme: 'http', host: '', target: '/origin/form?x' }],
    ['*', { scheme: 'http', host: '', target: '*' }],
  ])('splits %s', (url, expected) => {
    expect(splitRequestUrl(url)).toEqual(expected);
  });

  it('uses the default scheme for origin-form URLs', () => {
    expect(splitRequestUrl('/x', 'https')).toEqual({ scheme: 'https', host: '', target: '/x' });
  });

  it.each([
    ['', /empty URL/],
    ['ftp://a/b', /unsupported URL scheme "ftp:"/],
    ['blob:https://a/uuid', /unsupported URL scheme "blob:"/],
    ['a.example/path', /neither an absolute/],
    ['1http://x', /neither an absolute/],
  ])('refuses %j', (url, reason) => {
    expect(splitRequestUrl(url)).toMatch(reason);
  });
});

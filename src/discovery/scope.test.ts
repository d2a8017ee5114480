import { describe, expect, it } from 'vitest';
import { createScope, normaliseHostName, parseScope } from './scope.js';

describe('scope', () => {
  const scope = parseScope('# ours\napi.example.com\n*.corp.example\n203.0.113.0/24\n2001:db8::/32\n!admin.corp.example\n!203.0.113.9\n', 'scope.txt');

  it.each([
    ['api.example.com', true],
    ['API.Example.com.', true],
    ['example.com', false],
    ['x.api.example.com', false],
    ['a.corp.example', true],
    ['a.b.corp.example', true],
    ['corp.example', false],
    ['evilcorp.example', false],
    ['admin.corp.example', false],
    ['203.0.113.5', true],
    ['203.0.113.9', false],
    ['198.51.100.1', false],
    ['[2001:db8::1]', true],
    ['not a host', false],
  ])('allowsName(%s) = %s', (host, allowed) => {
    expect(scope.allowsName(host)).toBe(allowed);
  });

  it('requires DNS-derived addresses to lie inside the listed networks', () => {
    expect(scope.allowsAddress('203.0.113.7')).toBe(true);
    expect(scope.allowsAddress('::ffff:203.0.113.7')).toBe(true);
    expect(scope.allowsAddress('203.0.113.9')).toBe(false);
    expect(scope.allowsAddress('127.0.0.1')).toBe(false);
    expect(scope.allowsAddress('2001:db8::5')).toBe(true);
  });

  it('without networks allows any address but link-local (metadata services)', () => {
    const s = createScope(['*.example.com']);
    expect(s.allowsAddress('10.1.2.3')).toBe(true);
    expect(s.allowsAddress('169.254.169.254')).toBe(false);
    expect(s.allowsAddress('fe80::1')).toBe(false);
    expect(createScope(['*.example.com', '169.254.0.0/16']).allowsAddress('169.254.169.254')).toBe(true);
  });

  it('accepts URLs as their host and punycodes IDNs', () => {
    const s = createScope(['https://api.example.com/v1', '*.bücher.example']);
    expect(s.allowsName('api.example.com')).toBe(true);
    expect(s.allowsName('shop.xn--bcher-kva.example')).toBe(true);
    expect(normaliseHostName('Bücher.example')).toBe('xn--bcher-kva.example');
  });

  it.each([
    ['10.0.0.0/99', /not a valid CIDR/],
    ['api.example.com:443', /ports are not part of a scope/],
    ['a*.example.com', /only a leading/],
    ['*.', /wildcard/],
    ['bad_host!', /not a valid host name/],
  ])('rejects %s with the line', (entry, why) => {
    expect(() => parseScope(`ok.example.com\n${entry}\n`, 's.txt')).toThrow(why);
    try {
      parseScope(`ok.example.com\n${entry}\n`, 's.txt');
    } catch (err) {
      expect((err as { location?: string; code?: string }).location).toBe('s.txt:2');
      expect((err as { code?: string }).code).toBe('E_SCOPE_INVALID');
    }
  });

  it('refuses an empty scope file', () => {
    expect(() => parseScope('# nothing\n\n', 'empty.txt')).toThrow(/lists no host/);
  });
});

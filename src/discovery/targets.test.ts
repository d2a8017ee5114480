import { describe, expect, it } from 'vitest';
import { applyConnectTo, parseConnectTo } from './connect-to.js';
import { expandTargets, originUrl, parseTarget, parseWordlist } from './targets.js';

describe('targets', () => {
  it('reads domains, hosts with ports, IPs and URLs', () => {
    expect(parseTarget('Example.COM')).toEqual({ input: 'Example.COM', host: 'example.com', prefix: '', domain: true });
    expect(parseTarget('api.example.com:8443').origins).toEqual([
      { scheme: 'https', port: 8443 },
      { scheme: 'http', port: 8443 },
    ]);
    expect(parseTarget('10.0.0.5')).toMatchObject({ host: '10.0.0.5', domain: false });
    expect(parseTarget('https://api.example.com/v2/')).toMatchObject({ host: 'api.example.com', origins: [{ scheme: 'https', port: 443 }], prefix: '/v2', domain: false });
  });

  it.each(['', 'ftp://x.example', 'example.com/path', 'host:99999', 'bad host'])('rejects %j', (t) => {
    expect(() => parseTarget(t)).toThrow(/E_TARGET_INVALID|target|URL|port|host/);
  });

  it('expands domains with the words, merging duplicates', () => {
    const c = expandTargets([parseTarget('example.com'), parseTarget('https://api.example.com/v1')], ['api', 'dev'], true);
    expect(c.map((x) => `${x.host} ${x.via} ${x.prefixes.join(',')}`)).toEqual(['example.com target ', 'api.example.com target /v1', 'dev.example.com wordlist ']);
    expect(expandTargets([parseTarget('example.com')], ['api'], false).map((x) => x.host)).toEqual(['example.com']);
  });

  it('validates word lists', () => {
    expect(parseWordlist('api\n# c\nAPI\nbad word\n-x\n')).toEqual({ words: ['api'], invalid: [{ line: 4, word: 'bad word' }, { line: 5, word: '-x' }] });
  });

  it('prints origins without default ports', () => {
    expect(originUrl('a.example', { scheme: 'https', port: 443 })).toBe('https://a.example');
    expect(originUrl('a.example', { scheme: 'http', port: 8080 })).toBe('http://a.example:8080');
    expect(originUrl('::1', { scheme: 'http', port: 80 })).toBe('http://[::1]');
  });
});

describe('connect-to', () => {
  it('parses curl-style rules and applies the first match', () => {
    const rules = [parseConnectTo('api.example.com:443:127.0.0.1:8443'), parseConnectTo('::10.0.0.1:'), parseConnectTo('x.example:80::9000')];
    expect(rules[0]).toEqual({ host: 'api.example.com', port: 443, toHost: '127.0.0.1', toPort: 8443 });
    expect(applyConnectTo(rules, 'api.example.com', 443)).toEqual({ host: '127.0.0.1', port: 8443 });
    expect(applyConnectTo(rules, 'other.example', 80)).toEqual({ host: '10.0.0.1', port: 80 });
    expect(applyConnectTo([rules[2] as never], 'x.example', 80)).toEqual({ host: 'x.example', port: 9000 });
    expect(applyConnectTo([], 'y', 1)).toEqual({ host: 'y', port: 1 });
    expect(() => parseConnectTo('a:b')).toThrow(/HOST1:PORT1:HOST2:PORT2/);
    expect(() => parseConnectTo('a:1:b:70000')).toThrow(/out of range/);
  });
});

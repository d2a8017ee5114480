import { describe, expect, it } from 'vitest';
import type { Exchange, Skipped } from '../../core/index.js';
import { parseCombinedLine } from './parse-combined-line.js';

const at = { file: 'access.log', line: 40 };

function ok(line: string): Exchange {
  const r = parseCombinedLine(line, at);
  if ('kind' in r) throw new Error(`skipped: ${r.reason}`);
  return r;
}

function bad(line: string): Skipped {
  const r = parseCombinedLine(line, at);
  if (!('kind' in r)) throw new Error('expected a skip');
  return r;
}

const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36';

describe('parseCombinedLine', () => {
  it('maps every field of a combined line', () => {
    const x = ok(`83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /presentations/kibana-search.png?a=1 HTTP/1.1" 200 203023 "http://semicomplete.com/presentations/" "${UA}"`);
    expect(x).toEqual({
      time: Date.UTC(2015, 4, 17, 10, 5, 3),
      client: { ip: '83.149.9.216' },
      request: {
        method: 'GET',
        scheme: 'http',
        host: '',
        target: '/presentations/kibana-search.png?a=1',
        headers: [
          ['referer', 'http://semicomplete.com/presentations/'],
          ['user-agent', UA],
        ],
        httpVersion: 'HTTP/1.1',
      },
      response: { status: 200, headers: [], body: { text: '', size: 203023, truncated: true } },
      source: { kind: 'access-log', file: 'access.log', position: 'line 40' },
    });
  });

  it('reads the common log format (no referer, no user agent) and "-" sizes', () => {
    const x = ok('127.0.0.1 user-identifier frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 304 -');
    expect(x.time).toBe(Date.UTC(2000, 9, 10, 20, 55, 36));
    expect(x.request.headers).toEqual([]);
    expect(x.response).toEqual({ status: 304, headers: [] });
  });

  it('reads IPv6 clients, "-" referer, and ignores fields after the user agent', () => {
    const x = ok('2001:db8::1 - - [01/Jan/2024:00:00:00 +0100] "POST /api/login HTTP/2.0" 401 12 "-" "curl/8.0" "203.0.113.9" rt=0.002');
    expect(x.client).toEqual({ ip: '2001:db8::1' });
    expect(x.time).toBe(Date.UTC(2023, 11, 31, 23, 0, 0));
    expect(x.request.headers).toEqual([['user-agent', 'curl/8.0']]);
    expect(x.request.method).toBe('POST');
  });

  it('unescapes \\" and \\xHH in the request line and the user agent', () => {
    const x = ok(String.raw`10.0.0.1 - - [17/May/2015:10:05:03 +0000] "GET /search?q=\"x\"&e=\xE2\x82\xAC HTTP/1.1" 200 5 "-" "Evil \"UA\" \\ end"`);
    expect(x.request.target).toBe('/search?q="x"&e=€');
    expect(x.request.headers).toEqual([['user-agent', 'Evil "UA" \\ end']]);
  });

  it('finds the end of a request line holding a raw quote (old Apache)', () => {
    const x = ok('10.0.0.1 - - [17/May/2015:10:05:03 +0000] "GET /a"b HTTP/1.1" 404 0 "-" "ua"');
    expect(x.request.target).toBe('/a"b');
    expect(x.response?.status).toBe(404);
  });

  it('takes the host from an absolute-form target and keeps CONNECT authority-form', () => {
    expect(ok('1.1.1.1 - - [17/May/2015:10:05:03 +0000] "GET http://Proxy.Example:80/x HTTP/1.1" 200 1 "-" "-"').request).toMatchObject({ host: 'proxy.example', target: '/x' });
    expect(ok('1.1.1.1 - - [17/May/2015:10:05:03 +0000] "CONNECT example.com:443 HTTP/1.1" 400 0 "-" "-"').request).toMatchObject({
      method: 'CONNECT',
      host: 'example.com:443',
      target: 'example.com:443',
    });
  });

  it("reads Apache's vhost_combined variant: the virtual host and port before the client", () => {
    const x = ok('shop.example.com:443 198.51.100.4 - - [17/May/2015:10:05:03 +0000] "GET /cart HTTP/1.1" 200 512 "-" "ua"');
    expect(x.client).toEqual({ ip: '198.51.100.4' });
    expect(x.request).toMatchObject({ scheme: 'https', host: 'shop.example.com', target: '/cart' });
    const plain = ok('api.example.com:8080 10.0.0.1 - bob [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 5');
    expect(plain.request).toMatchObject({ scheme: 'http', host: 'api.example.com:8080' });
    expect(plain.client).toEqual({ ip: '10.0.0.1' });
  });

  it('accepts HTTP/0.9 request lines without a version and a request target with spaces', () => {
    const old = ok('1.1.1.1 - - [17/May/2015:10:05:03 +0000] "GET /" 200 10').request;
    expect(old.target).toBe('/');
    expect(old).not.toHaveProperty('httpVersion');
    expect(ok('1.1.1.1 - - [17/May/2015:10:05:03 +0000] "GET /a b HTTP/1.1" 400 10').request.target).toBe('/a b');
  });

  it('keeps the status but no response for status codes below 100 (nginx 0 / 000)', () => {
    expect(ok('1.1.1.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 000 0 "-" "-"').response).toBeUndefined();
  });

  it.each([
    ['an empty request line "-" (nginx 400)', '1.1.1.1 - - [17/May/2015:10:05:03 +0000] "-" 400 0 "-" "-"', /no request line was logged/],
    ['TLS bytes on a plain port', String.raw`1.1.1.1 - - [17/May/2015:10:05:03 +0000] "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" 400 157 "-" "-"`, /does not start with an HTTP method/],
    ['a target that is not a path', '1.1.1.1 - - [17/May/2015:10:05:03 +0000] "GET robots.txt HTTP/1.1" 404 0', /neither an absolute http\(s\) URL nor a \/path/],
    ['no timestamp', '1.1.1.1 - - "GET / HTTP/1.1" 200 0', /no \[timestamp\]/],
    ['a bad timestamp', '1.1.1.1 - - [17/Foo/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 0', /not dd\/Mon\/yyyy/],
    ['a timestamp without zone', '1.1.1.1 - - [17/May/2015:10:05:03] "GET / HTTP/1.1" 200 0', /not dd\/Mon\/yyyy/],
    ['an unquoted request', '1.1.1.1 - - [17/May/2015:10:05:03 +0000] GET / HTTP/1.1 200 0', /no quoted "request line"/],
    ['an unclosed request', '1.1.1.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1', /not closed/],
    ['a bad size', '1.1.1.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 12k "-" "-"', /response size "12k"/],
    ['a JSON line', '{"time": 1, "request": {}}', /no \[timestamp\]|not a combined/],
    ['a lone word', 'hello', /not a combined\/common log line/],
  ])('skips %s with the line position', (_name, line, reason) => {
    expect(bad(line)).toEqual({ kind: 'skipped', code: 'E_LOG_LINE', location: 'access.log:40', reason: expect.stringMatching(reason) });
  });
});

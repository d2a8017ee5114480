import { describe, expect, it } from 'vitest';
import type { Exchange, Skipped } from '../../core/index.js';
import { parseEnvoyLine } from './parse-envoy-line.js';

const at = { file: 'envoy.log', line: 3 };

function ok(line: string): Exchange {
  const r = parseEnvoyLine(line, at);
  if ('kind' in r) throw new Error(`skipped: ${r.reason}`);
  return r;
}

function bad(line: string): Skipped {
  const r = parseEnvoyLine(line, at);
  if (!('kind' in r)) throw new Error('expected a skip');
  return r;
}

describe('parseEnvoyLine', () => {
  it("maps every field of Envoy's documented example line", () => {
    const x = ok('[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2" "locations" "tcp://10.0.2.1:80"');
    expect(x).toEqual({
      time: Date.UTC(2016, 3, 15, 20, 17, 0, 310),
      durationMs: 226,
      client: { ip: '10.0.35.28' },
      server: { ip: '10.0.2.1', port: 80 },
      request: {
        method: 'POST',
        scheme: 'http',
        host: 'locations',
        target: '/api/v1/locations',
        headers: [
          ['x-forwarded-for', '10.0.35.28'],
          ['user-agent', 'nsq2http'],
          ['x-request-id', 'cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2'],
        ],
        body: { text: '', size: 154, truncated: true },
        httpVersion: 'HTTP/2',
      },
      response: { status: 204, headers: [] },
      source: { kind: 'envoy-log', file: 'envoy.log', position: 'line 3' },
    });
  });

  it('takes the rightmost X-Forwarded-For address as the client, and "-" fields as absent', () => {
    const x = ok('[2024-01-02T03:04:05.006Z] "GET /users/7?x=1 HTTP/1.1" 200 - 0 512 3 2 "198.51.100.7, 10.1.1.1" "-" "-" "api.example.com:443" "10.0.0.5:8080"');
    expect(x.client).toEqual({ ip: '10.1.1.1' });
    expect(x.request.headers).toEqual([['x-forwarded-for', '198.51.100.7, 10.1.1.1']]);
    expect(x.request.host).toBe('api.example.com:443');
    expect(x.request.body).toBeUndefined();
    expect(x.response?.body).toEqual({ text: '', size: 512, truncated: true });
    expect(x.server).toEqual({ ip: '10.0.0.5', port: 8080 });
  });

  it('keeps a user agent that contains quotes, and IPv6 upstreams', () => {
    const x = ok('[2024-01-02T03:04:05.006Z] "GET / HTTP/1.1" 503 UF 0 91 5 - "-" "evil" "ua" x" "id-1" "h.example" "[2001:db8::2]:443"');
    expect(x.request.headers).toEqual([
      ['user-agent', 'evil" "ua" x'],
      ['x-request-id', 'id-1'],
    ]);
    expect(x.server).toEqual({ ip: '2001:db8::2', port: 443 });
    expect(x.response?.status).toBe(503);
  });

  it('gives no response for response code 0 (the client went away)', () => {
    const x = ok('[2024-01-02T03:04:05.006+01:00] "GET /slow HTTP/1.1" 0 DC 0 0 30000 - "-" "-" "-" "h" "-"');
    expect(x.response).toBeUndefined();
    expect(x.server).toBeUndefined();
    expect(x.time).toBe(Date.UTC(2024, 0, 2, 2, 4, 5, 6));
  });

  it.each([
    ['a TCP line', '[2024-01-02T03:04:05.006Z] "- - -" 0 - 10 20 5 - "-" "-" "-" "-" "10.0.0.1:5432"', /no HTTP request on this line/],
    ['a combined-log line', '1.1.1.1 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 0', /starts with \[START_TIME\]/],
    ['a time without zone', '[2024-01-02T03:04:05.006] "GET / HTTP/1.1" 200 - 0 0 1 - "-" "-" "-" "h" "-"', /ISO-8601 date-time with a zone/],
    ['missing trailing fields', '[2024-01-02T03:04:05.006Z] "GET / HTTP/1.1" 200 - 0 0 1 - "-" "-"', /quoted fields at the end/],
    ['too few numeric fields', '[2024-01-02T03:04:05.006Z] "GET / HTTP/1.1" 200', /expected 6 fields/],
    ['a non-numeric response code', '[2024-01-02T03:04:05.006Z] "GET / HTTP/1.1" OK - 0 0 1 - "-" "-" "-" "h" "-"', /not closed by a quote followed by the response code|response code/],
  ])('skips %s', (_name, line, reason) => {
    expect(bad(line)).toEqual({ kind: 'skipped', code: 'E_LOG_LINE', location: 'envoy.log:3', reason: expect.stringMatching(reason) });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Exchange, Skipped } from '../../core/index.js';
import { parseJsonlLine } from './parse-jsonl-line.js';

const at = { file: 'x.jsonl', line: 12 };

function ok(v: unknown, max = 1000): Exchange {
  const r = parseJsonlLine(typeof v === 'string' ? v : JSON.stringify(v), at, max);
  if ('kind' in r) throw new Error(`skipped: ${r.reason}`);
  return r;
}

function bad(v: unknown): string {
  const r: Exchange | Skipped = parseJsonlLine(typeof v === 'string' ? v : JSON.stringify(v), at, 1000);
  if (!('kind' in r)) throw new Error('expected a skip');
  expect(r.code).toBe('E_JSONL_LINE');
  expect(r.location).toBe('x.jsonl:12');
  return r.reason;
}

describe('parseJsonlLine', () => {
  it('maps a full line', () => {
    const x = ok({
      time: '2024-05-01T10:00:00.5Z',
      durationMs: 12,
      client: { ip: '203.0.113.7', port: 51234 },
      server: { ip: '10.0.0.5', port: 8080 },
      request: {
        method: 'post',
        url: 'https://API.example.com/users?x=1',
        httpVersion: 'HTTP/1.1',
        headers: { 'Content-Type': 'application/json', Accept: ['a', 'b'], 'X-N': 3 },
        body: '{"name":"x"}',
      },
      response: { status: 201, headers: [['Location', '/users/9']], body: { id: 9 } },
      'x-trace': 'ignored',
    });
    expect(x).toEqual({
      time: Date.UTC(2024, 4, 1, 10, 0, 0, 500),
      durationMs: 12,
      client: { ip: '203.0.113.7', port: 51234 },
      server: { ip: '10.0.0.5', port: 8080 },
      request: {
        method: 'POST',
        scheme: 'https',
        host: 'api.example.com',
        target: '/users?x=1',
        headers: [
          ['content-type', 'application/json'],
          ['accept', 'a'],
          ['accept', 'b'],
          ['x-n', '3'],
        ],
        body: { text: '{"name":"x"}', size: 12, truncated: false },
        httpVersion: 'HTTP/1.1',
      },
      response: { status: 201, headers: [['location', '/users/9']], body: { text: '{"id":9}', size: 8, truncated: false } },
      source: { kind: 'jsonl', file: 'x.jsonl', position: 'line 12' },
    });
  });

  it('accepts a minimal line: method and origin-form url, host from the field or the Host header', () => {
    expect(ok({ request: { method: 'GET', url: '/a' } })).toEqual({
      time: 0,
      client: {},
      request: { method: 'GET', scheme: 'http', host: '', target: '/a', headers: [] },
      source: { kind: 'jsonl', file: 'x.jsonl', position: 'line 12' },
    });
    expect(ok({ request: { method: 'GET', url: '/a', host: 'H.example:443', scheme: 'https' } }).request).toMatchObject({ scheme: 'https', host: 'h.example' });
    expect(ok({ request: { method: 'GET', url: '/a', headers: [['Host', 'h.example']] } }).request.host).toBe('h.example');
  });

  it('reads epoch milliseconds and base64 bodies', () => {
    expect(ok({ time: 1714557600123, request: { method: 'GET', url: '/' } }).time).toBe(1714557600123);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]).toString('base64');
    expect(ok({ request: { method: 'PUT', url: '/f', body: png, bodyEncoding: 'base64', headers: { 'content-type': 'image/png' } } }).request.body).toEqual({
      text: png,
      encoding: 'base64',
      size: 6,
      truncated: false,
    });
    expect(ok({ request: { method: 'PUT', url: '/f', body: Buffer.from('hi').toString('base64'), bodyEncoding: 'base64' } }).request.body).toEqual({ text: 'hi', size: 2, truncated: false });
  });

  it('cuts bodies at the body limit', () => {
    expect(ok({ request: { method: 'POST', url: '/', body: 'z'.repeat(50) } }, 10).request.body).toEqual({ text: 'z'.repeat(10), size: 50, truncated: true });
  });

  it.each([
    ['not JSON', '{"request": ', /^not valid JSON: /],
    ['an array', [1], /^\$ must be an object, found an array$/],
    ['no request', { response: { status: 200 } }, /^\$ is missing the required field "request"$/],
    ['no method', { request: { url: '/' } }, /^\$\.request is missing the required field "method"$/],
    ['a numeric method', { request: { method: 1, url: '/' } }, /^\$\.request\.method must be a string, found the integer 1$/],
    ['a method with spaces', { request: { method: 'GE T', url: '/' } }, /^\$\.request\.method must be an HTTP method token/],
    ['a typo in a field name', { request: { method: 'GET', url: '/', header: {} } }, /^\$\.request\.header is not a known field \(known: method, url, host, scheme, httpVersion, headers, body, bodyEncoding\)/],
    ['a top-level typo', { reqest: {} }, /^\$ is missing the required field "request"$|^\$\.reqest is not a known field/],
    ['a status out of range', { request: { method: 'GET', url: '/' }, response: { status: 42 } }, /^\$\.response\.status must be >= 100, found 42$/],
    ['a status as string', { request: { method: 'GET', url: '/' }, response: { status: '200' } }, /^\$\.response\.status must be an integer, found the string "200"$/],
    ['headers as a string', { request: { method: 'GET', url: '/', headers: 'a: b' } }, /^\$\.request\.headers must be an object \{"Name": "value" \| \["value", …\]\} or an array of \["name", "value"\] pairs$/],
    ['a header pair of three', { request: { method: 'GET', url: '/', headers: [['a', 'b', 'c']] } }, /^\$\.request\.headers must be an object/],
    ['a bad time string', { time: 'yesterday', request: { method: 'GET', url: '/' } }, /^\$\.time "yesterday" is not an ISO-8601 date-time/],
    ['a boolean time', { time: true, request: { method: 'GET', url: '/' } }, /^\$\.time must be an ISO-8601 date-time with a zone/],
    ['a bad body encoding', { request: { method: 'GET', url: '/', body: 'x', bodyEncoding: 'hex' } }, /^\$\.request\.bodyEncoding must be one of "utf8", "base64", found "hex"$/],
    ['invalid base64', { request: { method: 'GET', url: '/', body: 'no!base64', bodyEncoding: 'base64' } }, /^\$\.request\.body is not valid base64/],
    ['a relative url', { request: { method: 'GET', url: 'users/1' } }, /^\$\.request\.url: "users\/1" is neither an absolute/],
    ['a client port out of range', { client: { port: 70000 }, request: { method: 'GET', url: '/' } }, /^\$\.client\.port must be <= 65535, found 70000$/],
    ['a body nested too deeply to stringify', `{"request":{"method":"GET","url":"/","body":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`, /^\$\.request\.body is nested too deeply/],
  ])('refuses %s with the JSON path', (_name, line, reason) => {
    expect(bad(line)).toMatch(reason);
  });
});

describe('docs/formats/jsonl.md', () => {
  const doc = readFileSync(new URL('../../../docs/formats/jsonl.md', import.meta.url), 'utf8');

  it('its example lines are valid', () => {
    const block = doc.slice(doc.indexOf('```json\n') + 8, doc.indexOf('\n```', doc.indexOf('```json\n')));
    const lines = block.split('\n');
    expect(lines.length).toBe(3);
    for (const line of lines) expect(parseJsonlLine(line, { file: 'x.jsonl', line: 1 }, 1000)).not.toHaveProperty('kind');
  });

  it('its error-message table says what the parser says', () => {
    const rows = doc.split('\n').filter((l) => l.startsWith('| `{'));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      const cells = row
        .split(/(?<!\\)\|/)
        .slice(1, 3)
        .map((c) => c.trim().replace(/\\\|/g, '|').replace(/^`|`$/g, ''));
      const [line, message] = cells as [string, string];
      const r = parseJsonlLine(line, { file: 'x.jsonl', line: 3 }, 1000);
      expect('kind' in r, line).toBe(true);
      if ('kind' in r) expect(`${r.location}: ${r.reason}`, line).toMatch(new RegExp(`${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    }
  });
});

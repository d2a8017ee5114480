import { describe, expect, it } from 'vitest';
import type { Exchange, Skipped } from '../../core/index.js';
import { parseHarEntry } from './parse-har-entry.js';

const ctx = { file: 't.har', index: 7, maxBodyBytes: 64 };

function entry(over: Record<string, unknown> = {}, request: Record<string, unknown> = {}, response?: Record<string, unknown>): unknown {
  return {
    startedDateTime: '2023-03-30T00:00:54.250Z',
    time: 12.5,
    request: { method: 'get', url: 'https://API.Example.com:443/a/b?x=1#frag', httpVersion: 'HTTP/1.1', headers: [], cookies: [], ...request },
    ...(response === undefined ? {} : { response }),
    ...over,
  };
}

function ok(v: unknown): Exchange {
  const r = parseHarEntry(v, ctx);
  if ('kind' in r) throw new Error(`skipped: ${r.reason}`);
  return r;
}

function skipped(v: unknown): Skipped {
  const r = parseHarEntry(v, ctx);
  if (!('kind' in r)) throw new Error('expected a skip');
  return r;
}

describe('parseHarEntry', () => {
  it('maps the request line, time, duration and source', () => {
    const x = ok(entry());
    expect(x.request).toEqual({ method: 'GET', scheme: 'https', host: 'api.example.com', target: '/a/b?x=1', headers: [], httpVersion: 'HTTP/1.1' });
    expect(x.time).toBe(Date.UTC(2023, 2, 30, 0, 0, 54, 250));
    expect(x.durationMs).toBe(12.5);
    expect(x.source).toEqual({ kind: 'har', file: 't.har', position: 'entry 7' });
    expect(x.response).toBeUndefined();
  });

  it.each([
    ['2023-03-09T20:18:39.714+0530', Date.UTC(2023, 2, 9, 14, 48, 39, 714)],
    ['2023-07-17T13:04:44.056651+00:00', Date.UTC(2023, 6, 17, 13, 4, 44, 56)],
    ['2023-03-29T17:37:42.482-07:00', Date.UTC(2023, 2, 30, 0, 37, 42, 482)],
    ['not a date', 0],
    [undefined, 0],
  ])('reads startedDateTime %s', (started, expected) => {
    expect(ok(entry({ startedDateTime: started })).time).toBe(expected);
  });

  it.each([
    [{ time: undefined, timings: { blocked: 1, dns: -1, connect: 5, ssl: 3, send: 1, wait: 10, receive: 2 } }, 19],
    [{ time: -1, timings: { send: 0, wait: 0, receive: 0 } }, 0],
    [{ time: undefined, timings: undefined }, undefined],
  ])('derives the duration from timings when time is absent (%#)', (over, expected) => {
    expect(ok(entry(over)).durationMs).toBe(expected);
  });

  it.each([
    ['http://h.example:80/', 'http', 'h.example', '/'],
    ['https://h.example:8443?q=1', 'https', 'h.example:8443', '/?q=1'],
    ['wss://h.example/socket', 'https', 'h.example', '/socket'],
    ['ws://h.example/socket', 'http', 'h.example', '/socket'],
    ['https://user:pass@h.example/p', 'https', 'h.example', '/p'],
    ['https://[::1]:8080/p/../q?%zz', 'https', '[::1]:8080', '/p/../q?%zz'],
    ['HTTPS://H.EXAMPLE/Case', 'https', 'h.example', '/Case'],
  ])('splits %s keeping the target as written', (url, scheme, host, target) => {
    expect(ok(entry({}, { url })).request).toMatchObject({ scheme, host, target });
  });

  it('takes the host of an origin-form URL from :authority or Host, and drops pseudo-headers', () => {
    const h2 = ok(
      entry({}, {
        url: '/only/path',
        headers: [
          { name: ':authority', value: 'H2.example' },
          { name: ':method', value: 'GET' },
          { name: ':scheme', value: 'https' },
          { name: 'Accept', value: '*/*' },
        ],
      }),
    );
    expect(h2.request).toMatchObject({ scheme: 'https', host: 'h2.example', target: '/only/path', headers: [['accept', '*/*']] });
    const h1 = ok(entry({}, { url: '/p', headers: [{ name: 'Host', value: 'h1.example:80' }] }));
    expect(h1.request).toMatchObject({ scheme: 'http', host: 'h1.example', headers: [['host', 'h1.example:80']] });
  });

  it('lower-cases header names, keeps order and duplicates, coerces values', () => {
    const x = ok(entry({}, { headers: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: 2 }, { name: 'Empty' }, { value: 'no name' }, 'junk'] }));
    expect(x.request.headers).toEqual([
      ['x-a', '1'],
      ['x-a', '2'],
      ['empty', ''],
    ]);
  });

  it('builds a cookie header from request.cookies only when none was recorded', () => {
    expect(ok(entry({}, { cookies: [{ name: 'a', value: '1' }, { name: 'b', value: 'x y' }] })).request.headers).toEqual([['cookie', 'a=1; b=x y']]);
    expect(ok(entry({}, { headers: [{ name: 'Cookie', value: 'z=9' }], cookies: [{ name: 'a', value: '1' }] })).request.headers).toEqual([['cookie', 'z=9']]);
  });

  it.each([
    ['HTTP/1.1', 'HTTP/1.1'],
    ['http/2.0', 'HTTP/2'],
    ['h2', 'HTTP/2'],
    ['h3', 'HTTP/3'],
    ['HTTP/3', 'HTTP/3'],
    ['', undefined],
  ])('normalises httpVersion %s', (v, expected) => {
    expect(ok(entry({}, { httpVersion: v })).request.httpVersion).toBe(expected);
  });

  it('reads postData.text, base64 postData, and form params', () => {
    expect(ok(entry({}, { method: 'POST', postData: { mimeType: 'application/json', text: '{"a":1}' } })).request.body).toEqual({ text: '{"a":1}', size: 7, truncated: false });
    expect(ok(entry({}, { postData: { mimeType: 'text/plain', text: Buffer.from('héllo').toString('base64'), encoding: 'base64' } })).request.body).toEqual({
      text: 'héllo',
      size: 6,
      truncated: false,
    });
    expect(
      ok(entry({}, { postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'a b', value: 'c&d' }, { name: 'e' }] } })).request.body?.text,
    ).toBe('a%20b=c%26d&e=');
    expect(ok(entry({}, { postData: { mimeType: 'text/plain', text: '' } })).request.body).toBeUndefined();
    // no Content-Type header recorded: postData.mimeType says it
    expect(ok(entry({}, { method: 'POST', postData: { mimeType: 'application/json', text: '{"a":1}' } })).request.headers).toContainEqual(['content-type', 'application/json']);
    expect(ok(entry({}, { method: 'POST', headers: [{ name: 'Content-Type', value: 'text/plain' }], postData: { mimeType: 'application/json', text: 'x' } })).request.headers.filter(([n]) => n === 'content-type')).toEqual([['content-type', 'text/plain']]);
  });

  it('cuts bodies over the limit on a character boundary and marks them truncated', () => {
    const text = `${'a'.repeat(62)}€€`;
    const body = ok(entry({}, { postData: { text } })).request.body;
    expect(body).toEqual({ text: `${'a'.repeat(62)}`, size: 68, truncated: true });
  });

  it('maps the response: status, headers, text content, set-cookie from cookies', () => {
    const x = ok(
      entry({}, {}, {
        status: 201,
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        cookies: [{ name: 's', value: 'v', path: '/', httpOnly: true, secure: true }],
        content: { size: 9, mimeType: 'application/json', text: '{"ok":1}' },
      }),
    );
    expect(x.response).toEqual({
      status: 201,
      headers: [
        ['content-type', 'application/json'],
        ['set-cookie', 's=v; Path=/; HttpOnly; Secure'],
      ],
      body: { text: '{"ok":1}', size: 9, truncated: false },
    });
  });

  it('decodes base64 content: text when it is UTF-8, base64 when binary', () => {
    const text = ok(entry({}, {}, { status: 200, content: { mimeType: 'text/html', encoding: 'base64', text: Buffer.from('<p>é</p>').toString('base64') } }));
    expect(text.response?.body).toEqual({ text: '<p>é</p>', size: 9, truncated: false });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
    const bin = ok(entry({}, {}, { status: 200, content: { size: 9, mimeType: 'image/png', encoding: 'base64', text: png.toString('base64') } }));
    expect(bin.response?.body).toEqual({ text: png.toString('base64'), encoding: 'base64', size: 9, truncated: false });
  });

  it('keeps only the size when the content text was not recorded', () => {
    expect(ok(entry({}, {}, { status: 200, content: { size: 5000, mimeType: 'text/html' } })).response?.body).toEqual({ text: '', size: 5000, truncated: true });
    // a text shorter than content.size was cut by the recording tool
    expect(ok(entry({}, {}, { status: 200, content: { size: 24641, mimeType: 'application/json', text: '{"items":[' } })).response?.body).toEqual({ text: '{"items":[', size: 24641, truncated: true });
    expect(ok(entry({}, {}, { status: 200, content: { size: 0 } })).response?.body).toBeUndefined();
  });

  it('treats status 0 (no response received) as an exchange without response', () => {
    expect(ok(entry({}, {}, { status: 0, headers: [], content: {}, _error: 'net::ERR_INTERNET_DISCONNECTED' })).response).toBeUndefined();
  });

  it('keeps the upgrade request and 101 response of a websocket entry', () => {
    const x = ok(entry({ _resourceType: 'websocket', _webSocketMessages: [{ type: 'send', data: 'hi' }] }, { url: 'wss://ws.example/chat' }, { status: 101, headers: [{ name: 'Upgrade', value: 'websocket' }] }));
    expect(x.request.target).toBe('/chat');
    expect(x.response?.status).toBe(101);
  });

  it('takes the server address, and the client address only from producer fields', () => {
    expect(ok(entry({ serverIPAddress: '[2001:db8::1]', _serverPort: 443 })).server).toEqual({ ip: '2001:db8::1', port: 443 });
    expect(ok(entry({ serverIPAddress: '' })).server).toBeUndefined();
    expect(ok(entry({ _clientAddress: '10.0.0.9' })).client).toEqual({ ip: '10.0.0.9' });
    expect(ok(entry({}, { headers: [{ name: 'X-Forwarded-For', value: '1.2.3.4' }] })).client).toEqual({});
  });

  it.each([
    ['a non-object', 5, /not a JSON object/],
    ['no request', {}, /no "request" object/],
    ['no method', { request: { url: 'https://a/' } }, /request\.method is missing/],
    ['a numeric url', { request: { method: 'GET', url: 3 } }, /request\.url is missing or not a string/],
    ['a data: URL', { request: { method: 'GET', url: 'data:image/png;base64,AAAA' } }, /unsupported URL scheme "data:"/],
    ['a chrome-extension URL', { request: { method: 'GET', url: 'chrome-extension://abc/x.js' } }, /unsupported URL scheme "chrome-extension:"/],
    ['a relative URL', { request: { method: 'GET', url: 'foo/bar' } }, /neither an absolute http\(s\) URL nor a \/path/],
  ])('skips %s with the entry position', (_name, v, reason) => {
    expect(skipped(v)).toEqual({ kind: 'skipped', code: 'E_HAR_ENTRY', location: 't.har: entry 7', reason: expect.stringMatching(reason) });
  });
});

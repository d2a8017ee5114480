/** The HTTP edge on loopback: bounded bodies, redirects within scope only, scope on the address DNS gives. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.js';
import { createRequestLimiter } from './request-limiter.js';
import type { HostResolver } from './resolver.js';
import { createScope } from './scope.js';

let server: Server;
let port = 0;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.headers.host} ${req.url}`);
    if (req.url === '/big') return res.end('x'.repeat(100_000));
    if (req.url === '/hop') return res.writeHead(302, { location: '/final' }).end();
    if (req.url === '/away') return res.writeHead(301, { location: 'http://elsewhere.test/x' }).end();
    if (req.url === '/post-303') return res.writeHead(303, { location: '/final' }).end();
    res.end(`${req.method} ${req.url}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const resolver = (answers: Record<string, string[]>): HostResolver => ({ resolve: async (n) => answers[n] ?? [] });

function client(scopeEntries: string[], answers: Record<string, string[]>) {
  return createHttpClient({
    scope: createScope(scopeEntries),
    resolver: resolver(answers),
    limiter: createRequestLimiter({ concurrency: 4, rate: 1_000, deadline: Infinity, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }),
    userAgent: 'test-agent',
    connectTo: [{ host: '', port: 80, toHost: '', toPort: port }],
    timeoutMs: 3_000,
  });
}

describe('scoped HTTP client', () => {
  it('reads bodies up to the limit, follows redirects within scope, turns POST into GET after 303', async () => {
    const c = client(['a.test'], { 'a.test': ['127.0.0.1'] });
    const big = await c.fetch('http://a.test/big', { maxBytes: 1_000 });
    expect([big.status, big.body.length, big.truncated]).toEqual([200, 1_000, true]);
    const hop = await c.fetch('http://a.test/hop');
    expect([hop.url, hop.body]).toEqual(['http://a.test/final', 'GET /final']);
    const post = await c.fetch('http://a.test/post-303', { method: 'POST', body: '{}' });
    expect(post.body).toBe('GET /final');
    await c.close();
  });

  it('refuses redirects that leave the scope and hosts outside it, without connecting', async () => {
    const c = client(['a.test'], { 'a.test': ['127.0.0.1'], 'elsewhere.test': ['127.0.0.1'] });
    const before = seen.length;
    const away = await c.fetch('http://a.test/away');
    expect([away.status, away.error]).toEqual([301, 'redirect out of scope: http://elsewhere.test']);
    const out = await c.fetch('http://elsewhere.test/x');
    expect([out.status, out.error]).toEqual([0, 'out-of-scope: elsewhere.test is not in scope']);
    expect(seen.slice(before)).toEqual([`a.test /away`]);
    await c.close();
  });

  it('refuses a name whose addresses fall outside the scope networks', async () => {
    const c = client(['a.test', '10.0.0.0/8'], { 'a.test': ['127.0.0.1'] });
    const r = await c.fetch('http://a.test/');
    expect(r.status).toBe(0);
    expect(r.error).toMatch(/^out-of-scope: a\.test resolves to 127\.0\.0\.1, outside the scope's networks/);
    expect(c.connections).toBe(0);
    await c.close();
  });

  it('reports unresolvable names and refused connections as values', async () => {
    const c = client(['*.test'], { 'a.test': ['127.0.0.1'] });
    expect((await c.fetch('http://nowhere.test/')).error).toBe('ENOTFOUND');
    expect((await c.fetch('not a url')).error).toBe('invalid URL');
    expect((await c.tls('a.test', 80)).enabled).toBe(false);
    await c.close();
  });
});

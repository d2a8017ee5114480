import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineReached, NO_CREDENTIALS, createSender, type SenderOptions } from './send-request.js';
import type { TestRequest } from './test-request.js';
import { systemClock, type Clock } from './throttle.js';

let server: http.Server;
let origin: URL;
let hits = 0;
const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url === '/busy') {
        hits++;
        if (hits < 3) {
          res.writeHead(429, { 'retry-after': '2' });
          return res.end('slow down');
        }
      }
      if (req.url === '/private') {
        if (req.headers.authorization !== 'Bearer fresh') {
          res.writeHead(401);
          return res.end();
        }
      }
      if (req.url === '/big') return res.end('x'.repeat(100_000));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function fakeClock(): Clock & { slept: number[] } {
  let t = Date.now();
  const slept: number[] = [];
  return { slept, now: () => t, sleep: async (ms) => void (slept.push(ms), (t += ms)) };
}

const get = (path: string, over: Partial<TestRequest> = {}): TestRequest => ({ method: 'GET', path, query: [], headers: [], auth: { kind: 'none' }, ...over });
const opts = (over: Partial<SenderOptions> = {}): SenderOptions => ({ origin, timeoutMs: 2000, bodyLimit: 1000, clock: systemClock, credentials: async () => NO_CREDENTIALS, ...over });

describe('sender', () => {
  it('sends raw paths and methods exactly as written, with the query encoded and credentials attached', async () => {
    const s = createSender(opts({ credentials: async () => ({ headers: [['authorization', 'Bearer t']], query: [['api_key', 'k']], cookies: [['sid', '1']] }) }));
    const x = await s.send(get('/files/../../etc/passwd', { method: 'TRACE', query: [['q', "a b'&"]], auth: { kind: 'identity', identity: 'alice' } }));
    expect(x.response!.status).toBe(200);
    const last = seen[seen.length - 1]!;
    expect(last.method).toBe('TRACE');
    expect(last.url).toBe("/files/../../etc/passwd?q=a%20b'%26&api_key=k");
    expect(last.headers.authorization).toBe('Bearer t');
    expect(last.headers.cookie).toBe('sid=1');
    expect(x.url).toBe(`${origin.origin}/files/../../etc/passwd?q=a%20b'%26&api_key=k`);
    s.close();
  });

  it('serialises JSON and form bodies with their content type', async () => {
    const s = createSender(opts());
    await s.send(get('/j', { method: 'POST', body: { kind: 'json', value: { a: [1] } } }));
    expect(seen[seen.length - 1]).toMatchObject({ body: '{"a":[1]}', headers: { 'content-type': 'application/json' } });
    await s.send(get('/f', { method: 'POST', body: { kind: 'form', fields: [['a b', 'c&d']] } }));
    expect(seen[seen.length - 1]).toMatchObject({ body: 'a%20b=c%26d', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    s.close();
  });

  it('waits as long as Retry-After asks on 429 and tries again', async () => {
    hits = 0;
    const clock = fakeClock();
    const s = createSender(opts({ clock }));
    const x = await s.send(get('/busy'));
    expect(x.response!.status).toBe(200);
    expect(clock.slept).toEqual([2000, 2000]);
    expect(s.throttledMs).toBe(4000);
    expect(s.count).toBe(3);
    hits = 0;
    const raw = await s.send(get('/busy', { noRetry: true }));
    expect(raw.response!.status).toBe(429);
    s.close();
  });

  it('logs in again once on 401 and retries with the fresh credential', async () => {
    let token = 'stale';
    let refreshed = 0;
    const s = createSender(opts({ credentials: async () => ({ headers: [['authorization', `Bearer ${token}`]], query: [], cookies: [] }), onUnauthorized: async () => ((token = 'fresh'), ++refreshed > 0) }));
    const x = await s.send(get('/private', { auth: { kind: 'identity', identity: 'alice' } }));
    expect(x.response!.status).toBe(200);
    expect(refreshed).toBe(1);
    s.close();
  });

  it('caps response bodies, reports transport errors, and stops at the deadline', async () => {
    const s = createSender(opts());
    const big = await s.send(get('/big'));
    expect(big.response!.body).toHaveLength(1000);
    expect(big.response!.size).toBe(100_000);
    expect(big.response!.truncated).toBe(true);
    s.close();
    const dead = createSender(opts({ origin: new URL('http://127.0.0.1:1') }));
    const x = await dead.send(get('/'));
    expect(x.response).toBeUndefined();
    expect(x.error).toMatch(/connection refused/);
    dead.close();
    const late = createSender(opts({ deadline: Date.now() - 1 }));
    await expect(late.send(get('/'))).rejects.toBeInstanceOf(DeadlineReached);
    late.close();
  });
});

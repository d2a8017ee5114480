/**
 * `rampart protect` end to end over real sockets on loopback: a node:http upstream, the gateway in front of it,
 * requests through node:http. Block mode blocks; monitor mode only logs; forwarding and hop-by-hop headers;
 * WebSocket upgrade; 502/504; graceful drain; hot reload; the admin port.
 */
import { createHash, createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { echoHandler, send, startTestGateway, startUpstream, type TestGateway, type Upstream } from './support/gateway-harness.js';

const SPEC = `
openapi: 3.0.3
info: { title: Shop, version: '1' }
servers: [{ url: /api }]
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer, bearerFormat: JWT }
security: [{ bearer: [] }]
paths:
  /items:
    get:
      parameters:
        - { name: limit, in: query, schema: { type: integer, maximum: 100 } }
      responses: { '200': { description: ok } }
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              additionalProperties: false
              properties: { name: { type: string, maxLength: 50 }, qty: { type: integer } }
      responses: { '201': { description: created } }
  /items/{id}:
    get:
      x-rampart-rate-limit: 3/m
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses: { '200': { description: ok } }
  /public:
    get:
      security: []
      responses: { '200': { description: ok } }
  /trial:
    get:
      x-rampart-mode: monitor
      parameters: [{ name: n, in: query, schema: { type: integer } }]
      responses: { '200': { description: ok } }
`;

const SECRET = 'a-test-secret-of-at-least-32-bytes-long!';
const key = new TextEncoder().encode(SECRET);
const sign = (claims: Record<string, unknown>, alg = 'HS256') => new SignJWT(claims).setProtectedHeader({ alg }).setIssuedAt().setExpirationTime('1h').sign(key);
const LEAKED = 'leaked-api-key-123';

describe('rampart protect (block mode, with spec)', () => {
  let up: Upstream;
  let g: TestGateway;
  let auth: Record<string, string>;
  beforeAll(async () => {
    up = await startUpstream(echoHandler);
    g = await startTestGateway({
      upstream: up.url,
      spec: SPEC,
      admin: true,
      env: { JWT_SECRET: SECRET },
      config: `
mode: block
trustedProxies: [127.0.0.1]
ipList: { deny: [203.0.113.0/24, '2001:db8::/32'] }
tokenDenylist: { sha256: [${createHash('sha256').update(LEAKED).digest('hex')}], headers: [x-api-key] }
jwt: { secretEnv: JWT_SECRET, algorithms: [HS256], issuer: shop }
rateLimits:
  - { id: burst, rate: 1000/s, key: ip }
statuses: { spec.unknown-operation: 404 }
`,
    });
    auth = { authorization: `Bearer ${await sign({ sub: 'alice', iss: 'shop' })}` };
  });
  afterAll(async () => {
    await g.close();
    await up.close();
  });

  it('passes a valid request and forwards it with forwarding headers, without hop-by-hop ones', async () => {
    const r = await send(`${g.url}/api/items?limit=5`, { headers: { ...auth, connection: 'keep-alive, x-secret-hop', 'x-secret-hop': 'no', te: 'trailers', 'x-request-id': 'abc-123' } });
    expect(r.status).toBe(200);
    const seen = r.json() as { headers: Record<string, string>; url: string };
    expect(seen.url).toBe('/api/items?limit=5');
    expect(seen.headers['x-secret-hop']).toBeUndefined();
    expect(seen.headers.te).toBeUndefined();
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers['x-forwarded-host']).toBe(`127.0.0.1:${g.port}`);
    expect(seen.headers.forwarded).toBe(`for=127.0.0.1;host="127.0.0.1:${g.port}";proto=http`);
    expect(seen.headers['x-request-id']).toBe('abc-123');
    expect(seen.headers.host).toBe(`127.0.0.1:${g.port}`);
    // response: end-to-end headers kept, the ones the upstream's Connection names removed
    expect(r.headers['x-upstream']).toBe('echo');
    expect(r.headers['x-hop']).toBeUndefined();
    expect(r.headers['ratelimit-policy']).toBe('"burst";q=1000;w=1');
    expect(r.headers.ratelimit).toMatch(/^"burst";r=\d+;t=\d+$/);
  });

  it('appends to a trusted X-Forwarded-For chain and takes the client address from it', async () => {
    const r = await send(`${g.url}/api/items`, { headers: { ...auth, 'x-forwarded-for': '198.51.100.4', forwarded: 'for=198.51.100.4' } });
    const seen = r.json() as { headers: Record<string, string> };
    expect(seen.headers['x-forwarded-for']).toBe('198.51.100.4, 127.0.0.1');
    expect(seen.headers.forwarded).toBe(`for=198.51.100.4, for=127.0.0.1;host="127.0.0.1:${g.port}";proto=http`);
  });

  it('blocks spec violations with problem+json carrying the rule and request id', async () => {
    const bad = await send(`${g.url}/api/items?limit=500`, { headers: { ...auth, 'x-request-id': 'req-1' } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toBe('application/problem+json');
    expect(bad.json()).toMatchObject({ status: 400, rule: 'spec.invalid-parameter', requestId: 'req-1', type: 'urn:rampart:problem:spec.invalid-parameter' });
    expect(String(bad.json().detail)).toContain('limit');

    const body = await send(`${g.url}/api/items`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name":"x","admin":true}' });
    expect(body.status).toBe(400);
    expect(body.json().rule).toBe('spec.invalid-body');

    const media = await send(`${g.url}/api/items`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'name=x' });
    expect(media.status).toBe(415);

    const ok = await send(`${g.url}/api/items`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name":"pen","qty":2}' });
    expect(ok.status).toBe(200);
    expect((ok.json() as { body: string }).body).toBe('{"name":"pen","qty":2}');

    const shadow = await send(`${g.url}/api/admin/users`, { headers: auth });
    expect(shadow.status).toBe(404);
    expect(shadow.json().rule).toBe('spec.unknown-operation');

    const method = await send(`${g.url}/api/items/7`, { method: 'DELETE', headers: auth });
    expect(method.status).toBe(405);
    expect(method.headers.allow).toBe('GET');

    const unknownQuery = await send(`${g.url}/api/items?debug=1`, { headers: auth });
    expect(unknownQuery.status).toBe(400);
    expect(unknownQuery.json().rule).toBe('spec.unknown-parameter');
  });

  it('answers 429 with Retry-After and RateLimit fields once the spec-declared limit is spent', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await send(`${g.url}/api/items/${i + 1}`, { headers: auth });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last!.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(last!.headers['retry-after'])).toBeLessThanOrEqual(20);
    expect(last!.headers['ratelimit-policy']).toBe('"op-2";q=3;w=60');
    expect(last!.headers.ratelimit).toMatch(/^"op-2";r=0;t=\d+$/);
    expect(last!.json().rule).toBe('ratelimit.op-2');
  });

  it('blocks denied IPs (v4 via a trusted proxy) and compromised tokens', async () => {
    const ip = await send(`${g.url}/api/public`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(ip.status).toBe(403);
    expect(ip.json().rule).toBe('ip.denied');
    const ip6 = await send(`${g.url}/api/public`, { headers: { 'x-forwarded-for': '2001:db8::1' } });
    expect(ip6.status).toBe(403);
    const token = await send(`${g.url}/api/public`, { headers: { 'x-api-key': LEAKED } });
    expect(token.status).toBe(401);
    expect(token.json().rule).toBe('token.denied');
    const other = await send(`${g.url}/api/public`, { headers: { 'x-api-key': 'fresh-key' } });
    expect(other.status).toBe(200);
  });

  it('rejects missing, forged, none-alg, confused-alg, expired and wrong-issuer JWTs; public operations need none', async () => {
    expect((await send(`${g.url}/api/items`)).json().rule).toBe('jwt.missing');
    expect((await send(`${g.url}/api/public`)).status).toBe(200);
    const good = await sign({ sub: 'bob', iss: 'shop' });
    const [h, p] = good.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'admin', iss: 'shop', exp: 9999999999 })).toString('base64url')}.${good.split('.')[2]}`;
    const r1 = await send(`${g.url}/api/items`, { headers: { authorization: `Bearer ${forged}` } });
    expect(r1.status).toBe(401);
    expect(r1.json().rule).toBe('jwt.signature');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    const r2 = await send(`${g.url}/api/items`, { headers: { authorization: `Bearer ${none}` } });
    expect(r2.json().rule).toBe('jwt.alg');
    const hs512 = `${Buffer.from('{"alg":"HS512"}').toString('base64url')}.${p}`;
    const sig = createHmac('sha512', SECRET).update(hs512).digest('base64url');
    expect((await send(`${g.url}/api/items`, { headers: { authorization: `Bearer ${hs512}.${sig}` } })).json().rule).toBe('jwt.alg');
    const expired = await new SignJWT({ sub: 'x', iss: 'shop' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(key);
    expect((await send(`${g.url}/api/items`, { headers: { authorization: `Bearer ${expired}` } })).json().rule).toBe('jwt.expired');
    const wrongIss = await sign({ sub: 'x', iss: 'evil' });
    expect((await send(`${g.url}/api/items`, { headers: { authorization: `Bearer ${wrongIss}` } })).json().rule).toBe('jwt.claims');
    expect((await send(`${g.url}/api/items`, { headers: { authorization: 'Bearer not-a-jwt' } })).json().rule).toBe('jwt.malformed');
    const blocked = g.log.events('blocked');
    expect(blocked.some((e) => e.rule === 'jwt.signature')).toBe(true);
    // no token in clear in any log line
    expect(JSON.stringify(g.log.lines)).not.toContain(good);
  });

  it('x-rampart-mode: monitor on an operation only logs what block mode would stop', async () => {
    const r = await send(`${g.url}/api/trial?n=abc`, { headers: auth });
    expect(r.status).toBe(200);
    const flagged = g.log.events('flagged').find((e) => String(e.target).startsWith('/api/trial'));
    expect(flagged).toBeDefined();
    expect((flagged!.flags as Array<{ rule: string }>)[0]!.rule).toBe('spec.invalid-parameter');
  });

  it('blocks attack signatures in block mode', async () => {
    const r = await send(`${g.url}/api/items`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: `{"name":"x' UNION SELECT password FROM users--"}` });
    expect(r.status).toBe(403);
    expect(r.json().rule).toBe('signatures.sqli');
  });

  it('serves /healthz, /readyz and /metrics on the admin port', async () => {
    expect((await send(`${g.adminUrl}/healthz`)).status).toBe(200);
    expect((await send(`${g.adminUrl}/readyz`)).status).toBe(200);
    const m = (await send(`${g.adminUrl}/metrics`)).text();
    expect(m).toMatch(/rampart_requests_total\{route="GET \/items",status="200",verdict="pass"\} \d+/);
    expect(m).toMatch(/rampart_blocked_total\{rule="spec.unknown-operation"\} 1/);
    expect(m).toContain('rampart_upstream_duration_seconds_bucket');
    expect(m).toContain('rampart_queue_dropped_total');
    expect(m).toMatch(/rampart_ratelimit_keys \d+/);
    expect(m).toContain('process_resident_memory_bytes');
  });
});

describe('rampart protect (monitor mode)', () => {
  let up: Upstream;
  let g: TestGateway;
  beforeAll(async () => {
    up = await startUpstream(echoHandler);
    g = await startTestGateway({ upstream: up.url, spec: SPEC, config: 'mode: monitor\nrateLimits: [{ id: tight, rate: 1/m }]' });
  });
  afterAll(async () => {
    await g.close();
    await up.close();
  });

  it('lets everything through and logs the would-be blocks', async () => {
    const a = await send(`${g.url}/api/nowhere?q=1%27%20OR%201=1--`);
    const b = await send(`${g.url}/api/nowhere`);
    expect([a.status, b.status]).toEqual([200, 200]);
    const flagged = g.log.events('flagged');
    const rules = flagged.flatMap((e) => (e.flags as Array<{ rule: string }>).map((f) => f.rule));
    expect(rules).toContain('spec.unknown-operation');
    expect(rules).toContain('ratelimit.tight');
    expect(rules).toContain('signatures.sqli');
    expect(g.log.events('blocked')).toHaveLength(0);
  });
});

describe('rampart protect: upstream failures, upgrade, drain, reload', () => {
  it('answers 502 when the upstream is down and 504 when it is too slow', async () => {
    const dead = await startUpstream(() => {});
    const deadUrl = dead.url;
    await dead.close();
    const g = await startTestGateway({ upstream: deadUrl, config: 'mode: block' });
    try {
      const r = await send(`${g.url}/x`);
      expect(r.status).toBe(502);
      expect(r.json().rule).toBe('proxy.upstream-unavailable');
      expect(g.log.events('upstream-error')).toHaveLength(1);
    } finally {
      await g.close();
    }
    const slow = await startUpstream((_req, res) => setTimeout(() => res.end('late'), 1_500));
    const g2 = await startTestGateway({ upstream: slow.url, config: 'upstreamOptions: { headersTimeoutMs: 200 }' });
    try {
      const t0 = Date.now();
      const r = await send(`${g2.url}/x`);
      expect(r.status).toBe(504);
      expect(r.json().rule).toBe('proxy.upstream-timeout');
      expect(Date.now() - t0).toBeLessThan(1_400);
    } finally {
      await g2.close();
      await slow.close();
    }
  });

  it('passes a WebSocket upgrade through and pipes both ways; refuses it when a filter blocks', async () => {
    const up = await startUpstream((_req, res) => res.end('no'));
    up.server.on('upgrade', (req, socket) => {
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\nx-seen-xff: ${req.headers['x-forwarded-for']}\r\n\r\n`);
      socket.on('data', (d: Buffer) => socket.write(Buffer.concat([Buffer.from('echo:'), d])));
    });
    const g = await startTestGateway({ upstream: up.url, config: 'mode: block\nipList: { deny: [198.51.100.0/24] }\ntrustedProxies: [127.0.0.1]' });
    try {
      const talk = (extra: string) =>
        new Promise<string>((resolve, reject) => {
          const s = connect(g.port, '127.0.0.1');
          let got = '';
          s.on('data', (d) => {
            got += d.toString('latin1');
            if (got.includes('\r\n\r\n') && got.startsWith('HTTP/1.1 101') && !got.includes('echo:')) s.write('ping');
            if (got.includes('echo:ping') || got.includes('"rule"')) {
              s.end();
              resolve(got);
            }
          });
          s.on('error', reject);
          s.write(`GET /ws HTTP/1.1\r\nhost: x\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n${extra}\r\n`);
        });
      const ok = await talk('');
      expect(ok.startsWith('HTTP/1.1 101')).toBe(true);
      expect(ok).toContain('x-seen-xff: 127.0.0.1');
      expect(ok).toContain('echo:ping');
      const denied = await talk('x-forwarded-for: 198.51.100.1\r\n');
      expect(denied.startsWith('HTTP/1.1 403')).toBe(true);
      expect(denied).toContain('"rule":"ip.denied"');
    } finally {
      await g.close();
      await up.close();
    }
  });

  it('refuses upgrades that are not WebSocket GETs, and tunnels nothing until the upstream says 101', async () => {
    const seen: string[] = [];
    // an upstream that ignores Upgrade and answers like any request, keeping the connection open
    const up = await startUpstream((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end('{"ok":true}');
    });
    const g = await startTestGateway({ upstream: up.url, config: 'mode: block' });
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const s = connect(g.port, '127.0.0.1');
        let got = '';
        s.on('data', (d) => (got += d.toString('latin1')));
        s.on('close', () => resolve(got));
        s.on('error', reject);
        s.write(text);
        setTimeout(() => s.end(), 1_500);
      });
    try {
      const body = `{"text":"' UNION SELECT password FROM users--"}`;
      const post = await raw(`POST /api/notes HTTP/1.1\r\nhost: x\r\nupgrade: foo\r\nconnection: Upgrade\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
      expect(post.startsWith('HTTP/1.1 400')).toBe(true);
      expect(post).toContain('"rule":"proxy.upgrade-refused"');
      const h2c = await raw('GET /api/items HTTP/1.1\r\nhost: x\r\nupgrade: h2c\r\nconnection: Upgrade\r\n\r\n');
      expect(h2c.startsWith('HTTP/1.1 400')).toBe(true);
      // a WebSocket upgrade the upstream does not accept, with a second request pipelined behind it
      const ws = await raw(
        'GET /ws HTTP/1.1\r\nhost: x\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n\r\n' +
          "GET /admin/delete-all?x=1%27%20OR%201=1-- HTTP/1.1\r\nhost: x\r\n\r\n",
      );
      expect(ws).toContain('"rule":"proxy.upgrade-refused"');
      expect(ws).not.toContain('"ok":true');
      expect(seen).toEqual(['GET /ws']);
    } finally {
      await g.close();
      await up.close();
    }
  });

  it('drains in-flight requests on shutdown', async () => {
    const up = await startUpstream((_req, res) => setTimeout(() => res.end('finished'), 400));
    const g = await startTestGateway({ upstream: up.url });
    const inflight = send(`${g.url}/slow`);
    await new Promise((r) => setTimeout(r, 100));
    expect(g.gw.server.inFlight).toBe(1);
    const stopped = g.gw.shutdown();
    const r = await inflight;
    expect(r.status).toBe(200);
    expect(r.text()).toBe('finished');
    expect(r.headers.connection).toBe('close');
    expect(await stopped).toEqual({ drained: true, abandoned: 0 });
    await up.close();
  });

  it('hot-reloads a changed configuration and keeps the old one when the new one is invalid', async () => {
    const up = await startUpstream(echoHandler);
    const g = await startTestGateway({ upstream: up.url, config: 'mode: block', watch: true });
    try {
      expect((await send(`${g.url}/x?q=1`, { headers: { 'x-forwarded-for': '1.2.3.4' } })).status).toBe(200);
      g.writeConfig('mode: block\nipList: { deny: [127.0.0.1] }');
      await waitFor(async () => (await send(`${g.url}/x`)).status === 403);
      g.writeConfig('mode: block\nrateLimits: [{ id: a, rate: lots }]');
      await waitFor(() => g.log.lines.some((l) => l.msg === 'configuration rejected; the running one stays'));
      const err = g.log.lines.find((l) => l.msg === 'configuration rejected; the running one stays')!;
      expect(String(err.obj.error)).toMatch(/rampart\.yaml:5: rateLimits\[0\]\.rate: expected "N\/s" or "N\/m"/);
      expect((await send(`${g.url}/x`)).status).toBe(403);
      expect(await g.gw.reload()).toBe(false);
      g.writeConfig('mode: block');
      expect(await g.gw.reload()).toBe(true);
      expect((await send(`${g.url}/x`)).status).toBe(200);
    } finally {
      await g.close();
      await up.close();
    }
  }, 20_000);
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

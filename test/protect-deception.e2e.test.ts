/**
 * Countermeasures end to end over loopback sockets: a decoy marks the actor and its later requests get a fake
 * 200 that validates against the operation's response schema while the upstream never sees them; honeytokens
 * mark too; `block` answers 403; the tarpit delays (bounded); monitor mode only logs; actors flagged by the
 * tap's detection above the risk threshold are deceived.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createResponseValidator, loadSpec } from '../src/spec/index.js';
import { hashToken } from '../src/protect/index.js';
import { send, startTestGateway, startUpstream, type TestGateway, type Upstream } from './support/gateway-harness.js';

const SPEC = `
openapi: 3.0.3
info: { title: Shop, version: '1' }
servers: [{ url: /api }]
paths:
  /items/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id, name, price, owner, createdAt, tags]
                additionalProperties: false
                properties:
                  id: { type: integer, minimum: 1 }
                  name: { type: string, minLength: 1, maxLength: 40 }
                  price: { type: number, minimum: 0 }
                  owner:
                    type: object
                    required: [email, userId]
                    properties: { email: { type: string, format: email }, userId: { type: string, format: uuid } }
                  createdAt: { type: string, format: date-time }
                  tags: { type: array, items: { type: string }, minItems: 1 }
                  status: { type: string, enum: [active, retired] }
        '404': { description: missing }
  /login:
    post:
      requestBody:
        content: { application/json: { schema: { type: object, properties: { username: { type: string }, password: { type: string } } } } }
      responses:
        '200': { description: ok, content: { application/json: { example: { token: abc } } } }
        '401': { description: wrong }
`;

const HONEY = 'honey-aaaa-bbbb-cccc-0123456789';

let upstreamHits: string[] = [];
const handler = (req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  req.on('end', () => {
    upstreamHits.push(`${req.method} ${req.url}`);
    if (req.url?.startsWith('/api/login')) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"bad credentials"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-real': 'yes' });
    res.end(JSON.stringify({ id: 1, name: 'real item', price: 3, owner: { email: 'o@example.com', userId: '00000000-0000-4000-8000-000000000000' }, createdAt: '2024-01-01T00:00:00Z', tags: ['x'], real: true }));
  });
};

const from = (ip: string, extra: Record<string, string> = {}) => ({ headers: { 'x-forwarded-for': ip, ...extra } });
const BASE = 'trustedProxies: [127.0.0.1]\n';

describe('countermeasures (deceive)', () => {
  let up: Upstream;
  let g: TestGateway;
  const validate = async () => {
    const spec = await loadSpec(`${g.dir}/openapi.yaml`);
    const op = spec.description.operations.find((o) => o.path === '/items/{id}')!;
    return (status: number, ct: string, text: string) => createResponseValidator(spec.description)(op, status, [['content-type', ct]], { text });
  };

  beforeAll(async () => {
    up = await startUpstream(handler);
    g = await startTestGateway({
      upstream: up.url,
      spec: SPEC,
      config: `${BASE}mode: block\ncountermeasures: { action: deceive }\ndecoys:\n  paths: ['/api/admin/backup', 'GET /internal/*']\n  honeytokens: { sha256: [${hashToken(HONEY)}] }`,
    });
  });
  afterAll(async () => {
    await g.close();
    await up.close();
  });
  afterEach(() => {
    upstreamHits = [];
  });

  it('a decoy marks the actor; its next request gets a fake 200 valid against the response schema, never forwarded', async () => {
    const before = await send(`${g.url}/api/items/7`, from('198.51.100.7'));
    expect(before.status).toBe(200);
    expect(before.headers['x-real']).toBe('yes');
    expect(upstreamHits).toEqual(['GET /api/items/7']);

    const decoy = await send(`${g.url}/api/admin/backup`, from('198.51.100.7'));
    expect(decoy.status).toBe(200);
    expect(decoy.headers['content-type']).toBe('application/json');
    expect(decoy.text()).not.toMatch(/rampart|problem/i);

    const fake = await send(`${g.url}/api/items/8`, from('198.51.100.7'));
    expect(fake.status).toBe(200);
    expect(fake.headers['x-real']).toBeUndefined();
    expect(fake.headers['content-type']).toBe('application/json');
    const body = fake.json();
    expect(body.real).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/rampart/i);
    const check = await validate();
    expect(check(200, 'application/json', fake.text())).toEqual([]);
    // two deceived requests do not get byte-identical answers
    const fake2 = await send(`${g.url}/api/items/9`, from('198.51.100.7'));
    expect(check(200, 'application/json', fake2.text())).toEqual([]);
    expect(fake2.text()).not.toBe(fake.text());

    // the upstream saw only the request from before the decoy
    expect(upstreamHits).toEqual(['GET /api/items/7']);
    // another client is not affected
    const other = await send(`${g.url}/api/items/7`, from('198.51.100.8'));
    expect(other.headers['x-real']).toBe('yes');

    const events = g.log.events('blocked').filter((e) => String(e.rule).startsWith('deception.'));
    expect(events.map((e) => e.rule)).toEqual(['deception.decoy', 'deception.flagged-actor', 'deception.flagged-actor']);
    expect(g.log.lines.some((l) => l.obj.event === 'actor-marked' && l.obj.actor === 'ip:198.51.100.7')).toBe(true);
  });

  it('examples win over generated values; a prefix decoy matches with its method only', async () => {
    // POST is not the decoy's method: the spec's own answer (an unknown operation), and no mark
    const miss = await send(`${g.url}/internal/x`, { method: 'POST', ...from('198.51.100.20') });
    expect(miss.status).toBe(404);
    expect(miss.json()).toMatchObject({ rule: 'spec.unknown-operation' });
    const real = await send(`${g.url}/api/items/4`, from('198.51.100.20'));
    expect(real.headers['x-real']).toBe('yes');
    upstreamHits = [];
    const decoy = await send(`${g.url}/internal/metrics`, from('198.51.100.20'));
    expect(decoy.status).toBe(200);
    const login = await send(`${g.url}/api/login`, { method: 'POST', body: '{"username":"a","password":"b"}', headers: { 'x-forwarded-for': '198.51.100.20', 'content-type': 'application/json' } });
    expect(login.status).toBe(200);
    expect(login.json()).toEqual({ token: 'abc' });
    expect(upstreamHits).toEqual([]);
  });

  it('marks survive a configuration reload', async () => {
    await send(`${g.url}/api/admin/backup`, from('198.51.100.40'));
    g.writeConfig(`${BASE}mode: block\ncountermeasures: { action: deceive, markTtlSec: 600 }\ndecoys:\n  paths: ['/api/admin/backup']`);
    expect(await g.gw.reload()).toBe(true);
    upstreamHits = [];
    const after = await send(`${g.url}/api/items/5`, from('198.51.100.40'));
    expect(after.status).toBe(200);
    expect(after.headers['x-real']).toBeUndefined();
    expect(upstreamHits).toEqual([]);
    // restore the suite's configuration
    g.writeConfig(`${BASE}mode: block\ncountermeasures: { action: deceive }\ndecoys:\n  paths: ['/api/admin/backup', 'GET /internal/*']\n  honeytokens: { sha256: [${hashToken(HONEY)}] }`);
    expect(await g.gw.reload()).toBe(true);
  });

  it('a honeytoken marks the actor: that request and the later ones (even without the token) are deceived', async () => {
    const first = await send(`${g.url}/api/items/1`, from('198.51.100.30', { authorization: `Bearer ${HONEY}` }));
    expect(first.status).toBe(200);
    expect(first.headers['x-real']).toBeUndefined();
    const later = await send(`${g.url}/api/items/2`, from('198.51.100.30'));
    expect(later.headers['x-real']).toBeUndefined();
    expect(upstreamHits).toEqual([]);
    // the honeytoken is never logged
    expect(JSON.stringify(g.log.lines)).not.toContain(HONEY);
  });
});

describe('countermeasures (block, tarpit, monitor, risk)', () => {
  let up: Upstream;
  let g: TestGateway | undefined;
  beforeAll(async () => {
    up = await startUpstream(handler);
  });
  afterAll(async () => {
    await up.close();
  });
  afterEach(async () => {
    await g?.close();
    g = undefined;
    upstreamHits = [];
  });

  it('block: problem+json 403 with the deception rule', async () => {
    g = await startTestGateway({ upstream: up.url, config: `${BASE}mode: block\ncountermeasures: { action: block }\ndecoys: { paths: [/wp-admin/*] }` });
    const d = await send(`${g.url}/wp-admin/setup.php`, from('203.0.113.50'));
    expect(d.status).toBe(403);
    expect(d.json()).toMatchObject({ rule: 'deception.decoy' });
    const next = await send(`${g.url}/anything`, from('203.0.113.50'));
    expect(next.status).toBe(403);
    expect(next.json()).toMatchObject({ rule: 'deception.flagged-actor' });
    expect(upstreamHits).toEqual([]);
  });

  it('tarpit: a marked actor waits, then goes upstream; at most maxConcurrent wait at once', async () => {
    g = await startTestGateway({ upstream: up.url, config: `${BASE}mode: block\ncountermeasures: { action: tarpit, denyIps: [203.0.113.60/31], tarpit: { delayMs: 400, maxConcurrent: 1 } }` });
    const timed = async (path: string, ip: string) => {
      const t0 = performance.now();
      const r = await send(`${g!.url}${path}`, from(ip));
      return { r, ms: performance.now() - t0 };
    };
    const [a, b] = await Promise.all([timed('/slow/a', '203.0.113.60'), timed('/slow/b', '203.0.113.61')]);
    expect(a.r.headers['x-real']).toBe('yes');
    expect(b.r.headers['x-real']).toBe('yes');
    // one was held for the delay; the other found the tarpit full and went on at once
    const [fast, slow] = [a.ms, b.ms].sort((x, y) => x - y);
    expect(slow).toBeGreaterThanOrEqual(390);
    expect(fast).toBeLessThan(300);
    expect(upstreamHits.sort()).toEqual(['GET /slow/a', 'GET /slow/b']);
    const fast0 = performance.now();
    await send(`${g.url}/fast`, from('198.51.100.99'));
    expect(performance.now() - fast0).toBeLessThan(300);
  });

  it('monitor mode: the decoy is marked and logged, traffic is not changed', async () => {
    g = await startTestGateway({ upstream: up.url, config: `${BASE}mode: monitor\ncountermeasures: { action: deceive }\ndecoys: { paths: [/admin] }` });
    const d = await send(`${g.url}/admin`, from('203.0.113.70'));
    expect(d.headers['x-real']).toBe('yes');
    const next = await send(`${g.url}/x`, from('203.0.113.70'));
    expect(next.headers['x-real']).toBe('yes');
    expect(upstreamHits).toEqual(['GET /admin', 'GET /x']);
    const flagged = g.log.events('flagged').flatMap((e) => (e.flags as Array<{ rule: string }>).map((f) => f.rule));
    expect(flagged).toEqual(['deception.decoy', 'deception.flagged-actor']);
  });

  it('an actor flagged by the tap\'s detection above the risk threshold is deceived', async () => {
    g = await startTestGateway({
      upstream: up.url,
      spec: SPEC,
      config: `${BASE}mode: block\ncountermeasures: { action: deceive, riskThreshold: 20 }\nsignatures: { enabled: false }`,
    });
    // a brute force on one account: failures on the login endpoint, from one address
    let deceivedAt = -1;
    for (let i = 0; i < 60 && deceivedAt < 0; i++) {
      const r = await send(`${g.url}/api/login`, { method: 'POST', body: JSON.stringify({ username: 'alice', password: `guess-${i}` }), headers: { 'x-forwarded-for': '203.0.113.80', 'content-type': 'application/json' } });
      if (r.status === 200) deceivedAt = i;
      // the tap analyses in a later turn: give it one
      await new Promise((res) => setImmediate(res));
    }
    expect(deceivedAt, 'the brute force was never flagged').toBeGreaterThan(0);
    const marked = g.log.lines.find((l) => l.obj.event === 'actor-marked');
    expect(String(marked?.obj.reason)).toMatch(/^risk \d+/);
    const hits = upstreamHits.length;
    const after = await send(`${g.url}/api/items/3`, from('203.0.113.80'));
    expect(after.headers['x-real']).toBeUndefined();
    expect(upstreamHits.length).toBe(hits);
  });
});

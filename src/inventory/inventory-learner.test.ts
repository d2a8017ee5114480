import { describe, expect, it } from 'vitest';
import { makeExchange } from '../../test/support/exchanges.js';
import type { Endpoint, Exchange, SensitiveType } from '../core/index.js';
import type { ValueContext } from './classifiers/index.js';
import { createInventoryLearner, endpointKey, isApiExchange, type LearnedEndpoint } from './inventory-learner.js';

const URL_BASE = 'https://api.example.com';

function only(result: { upserts: LearnedEndpoint[] }, key: string): Endpoint {
  const e = result.upserts.find((u) => u.endpoint.key === key)?.endpoint;
  if (!e) throw new Error(`no endpoint ${key}; have ${result.upserts.map((u) => u.endpoint.key).join(', ')}`);
  return e;
}

/** A stand-in classifier with fixed rules, so the tests do not depend on the built-in classifiers' tuning. */
function fakeClassify(value: string, ctx: ValueContext): SensitiveType[] {
  const out: SensitiveType[] = [];
  if (/^[^@\s]+@[^@\s]+\.[a-z]+$/.test(value)) out.push('email');
  if (/^4111(?:-?\d{4}){3}$/.test(value)) out.push('payment-card');
  if (ctx.name === 'password') out.push('password');
  return out;
}

describe('inventory learner: what it records per endpoint', () => {
  it('counts hits, status codes, first/last seen and content types', () => {
    const l = createInventoryLearner();
    l.add(makeExchange('GET', `${URL_BASE}/orders/7`, { status: 200, responseJson: { id: 7 }, time: 2000 }));
    l.add(makeExchange('GET', `${URL_BASE}/orders/8`, { status: 404, responseJson: { error: 'nope' }, time: 1000 }));
    l.add(makeExchange('GET', `${URL_BASE}/orders/9`, { status: 200, responseBody: { text: 'x', type: 'text/plain' }, time: 3000 }));
    const e = only(l.finish(), 'GET api.example.com /orders/{orderId}');
    expect(e).toMatchObject({ method: 'GET', host: 'api.example.com', path: '/orders/{orderId}', status: 'shadow', hits: 3, firstSeen: 1000, lastSeen: 3000, sources: ['traffic'] });
    expect(e.statusCodes).toEqual({ '200': 2, '404': 1 });
    expect(e.responseContentTypes).toEqual(['application/json', 'text/plain']);
    expect(e.responses.map((r) => [r.status, r.contentType, r.count])).toEqual([
      ['200', 'application/json', 1],
      ['200', 'text/plain', 1],
      ['404', 'application/json', 1],
    ]);
    expect(e.responses[0]?.schema).toEqual({ type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] });
    expect(e.parameters).toEqual([{ name: 'orderId', in: 'path', schema: { type: 'integer' }, required: true, count: 3, documented: false }]);
  });

  it('infers query, header and cookie parameters with types, arrays and required', () => {
    const l = createInventoryLearner();
    l.add(makeExchange('GET', `${URL_BASE}/search?q=shoes&page=1&tag=a&tag=b&active=true`, { headers: [['X-Tenant-Id', 'acme'], ['Accept', '*/*'], ['Cookie', 'theme=dark']] }));
    l.add(makeExchange('GET', `${URL_BASE}/search?q=hats&page=2&since=2024-05-01`, { headers: [['X-Tenant-Id', 'globex'], ['User-Agent', 'x']] }));
    const e = only(l.finish(), 'GET api.example.com /search');
    const byName = Object.fromEntries(e.parameters.map((p) => [`${p.in}:${p.name}`, p]));
    expect(Object.keys(byName)).toEqual(['query:active', 'query:page', 'query:q', 'query:since', 'query:tag', 'header:x-tenant-id', 'cookie:theme']);
    expect(byName['query:page']).toMatchObject({ schema: { type: 'integer' }, required: true, count: 2 });
    expect(byName['query:q']).toMatchObject({ schema: { type: 'string' }, required: true });
    expect(byName['query:tag']).toMatchObject({ schema: { type: 'array', items: { type: 'string' } }, required: false, count: 1 });
    expect(byName['query:active']?.schema).toEqual({ type: 'boolean' });
    expect(byName['query:since']?.schema).toEqual({ type: 'string', format: 'date' });
    expect(byName['header:x-tenant-id']).toMatchObject({ required: true, count: 2 });
    expect(byName['cookie:theme']).toMatchObject({ required: false, count: 1 });
  });

  it('merges request body schemas across samples (required, optional, enums, nullable, formats)', () => {
    const l = createInventoryLearner();
    const kinds = ['card', 'paypal', 'card', 'paypal', 'card', 'transfer', 'card', 'paypal', 'transfer'];
    kinds.forEach((kind, i) => {
      const body: Record<string, unknown> = { amount: i % 2 ? 10 : 12.5, kind, customer: { id: `550e8400-e29b-41d4-a716-44665544000${i}`, note: i % 3 ? null : 'vip' } };
      if (i % 2) body.coupon = 'SAVE10';
      l.add(makeExchange('POST', `${URL_BASE}/payments`, { requestJson: body, status: 201, responseJson: { ok: true } }));
    });
    const e = only(l.finish(), 'POST api.example.com /payments');
    expect(e.requestContentTypes).toEqual(['application/json']);
    expect(e.requestBodies).toEqual([
      {
        contentType: 'application/json',
        count: 9,
        schema: {
          type: 'object',
          properties: {
            amount: { type: 'number' },
            kind: { type: 'string', enum: ['card', 'paypal', 'transfer'] },
            customer: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, note: { type: ['string', 'null'] } }, required: ['id', 'note'] },
            coupon: { type: 'string' },
          },
          required: ['amount', 'kind', 'customer'],
        },
      },
    ]);
  });

  it('reads form bodies field by field', () => {
    const l = createInventoryLearner();
    l.add(makeExchange('POST', `${URL_BASE}/login`, { requestBody: { text: 'user=alice&remember=true&scope=a&scope=b', type: 'application/x-www-form-urlencoded' } }));
    const e = only(l.finish(), 'POST api.example.com /login');
    expect(e.requestBodies[0]?.schema).toEqual({
      type: 'object',
      properties: { user: { type: 'string' }, remember: { type: 'boolean' }, scope: { type: 'array', items: { type: 'string' } } },
      required: ['user', 'remember', 'scope'],
    });
  });

  it('records auth seen (JWT alg and iss decoded, never the credential)', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${b64({ alg: 'HS256' })}.${b64({ iss: 'https://auth.example.com', sub: '1' })}.c2ln`;
    const l = createInventoryLearner();
    l.add(makeExchange('GET', `${URL_BASE}/me`, { headers: [['Authorization', `Bearer ${jwt}`]] }));
    l.add(makeExchange('GET', `${URL_BASE}/me`, { headers: [['Authorization', `Bearer ${jwt}`]] }));
    l.add(makeExchange('GET', `${URL_BASE}/me?api_key=k-secret-1`));
    l.add(makeExchange('GET', `${URL_BASE}/me`));
    const r = l.finish();
    const e = only(r, 'GET api.example.com /me');
    expect(e.auth).toEqual([
      { kind: 'bearer-jwt', jwt: { alg: 'HS256', iss: 'https://auth.example.com' }, count: 2 },
      { kind: 'api-key-query', name: 'api_key', count: 1 },
      { kind: 'none', count: 1 },
    ]);
    expect(e.parameters.some((p) => p.name === 'api_key')).toBe(false); // credentials are auth, not parameters
    const stored = JSON.stringify(r.upserts);
    expect(stored).not.toContain(jwt);
    expect(stored).not.toContain('k-secret-1');
  });

  it('records sensitive data by direction and location, with JSON paths', () => {
    const l = createInventoryLearner({ classify: fakeClassify });
    l.add(
      makeExchange('POST', `${URL_BASE}/checkout?email=a@example.com`, {
        requestJson: { user: { email: 'b@example.com', password: 'hunter2' }, items: [{ card: '4111-1111-1111-1111' }, { card: '4111111111111111' }] },
        responseJson: { receipt: { to: 'b@example.com' } },
      }),
    );
    const e = only(l.finish(), 'POST api.example.com /checkout');
    expect(e.sensitive.map((s) => [s.type, s.direction, s.location, s.path, s.count])).toEqual([
      ['payment-card', 'request', 'body', '$.items[*].card', 2],
      ['email', 'request', 'body', '$.user.email', 1],
      ['password', 'request', 'body', '$.user.password', 1],
      ['email', 'request', 'query', 'email', 1],
      ['email', 'response', 'body', '$.receipt.to', 1],
    ]);
  });

  it('keeps a few redacted samples (passwords, cards, tokens never in clear), preferring distinct status codes', () => {
    const l = createInventoryLearner({ maxSamples: 2, now: () => 42 });
    for (let i = 0; i < 5; i++) {
      l.add(
        makeExchange('POST', `${URL_BASE}/login?token=qs-secret-${i}`, {
          headers: [['Authorization', 'Basic dXNlcjpzZWNyZXQ='], ['X-Api-Key', 'key-secret']],
          requestJson: { user: 'alice', password: `pw-secret-${i}`, card: '4111111111111111' },
          status: i < 4 ? 200 : 401,
          responseJson: { token: `resp-secret-${i}` },
          time: 0,
        }),
      );
    }
    const r = l.finish();
    const e = only(r, 'POST api.example.com /login');
    expect(e.samples.map((s) => s.status)).toEqual([200, 401]);
    expect(e.samples[0]?.time).toBe(42);
    const text = JSON.stringify(r.upserts);
    for (const secret of ['pw-secret', 'qs-secret', 'key-secret', 'resp-secret', 'dXNlcjpzZWNyZXQ=', '4111111111111111']) expect(text).not.toContain(secret);
    expect(e.samples[0]?.requestBody).toContain('alice');
  });

  it('inspects all of the first exchanges of an endpoint, then a thinning sample', () => {
    const l = createInventoryLearner();
    for (let i = 0; i < 2000; i++) l.add(makeExchange('GET', `${URL_BASE}/ping?n=${i}`));
    const e = only(l.finish(), 'GET api.example.com /ping');
    expect(e.hits).toBe(2000);
    expect(e.inspected).toBe(64 + 48 + 48 + 15);
    expect(e.parameters[0]).toMatchObject({ name: 'n', count: 2000, required: true, schema: { type: 'integer' } });
    const all = createInventoryLearner({ inspectAll: true });
    for (let i = 0; i < 200; i++) all.add(makeExchange('GET', `${URL_BASE}/ping`));
    expect(only(all.finish(), 'GET api.example.com /ping').inspected).toBe(200);
  });

  it('skips page loads, static assets and CORS preflights unless asked', () => {
    const page = makeExchange('GET', `${URL_BASE}/`, { headers: [['Accept', 'text/html,application/xhtml+xml'], ['Sec-Fetch-Dest', 'document']], responseBody: { text: '<html>', type: 'text/html' } });
    const asset = makeExchange('GET', `${URL_BASE}/main.3f2a.js`);
    const preflight = makeExchange('OPTIONS', `${URL_BASE}/users`, { headers: [['Access-Control-Request-Method', 'POST']] });
    const api = makeExchange('GET', `${URL_BASE}/users`, { headers: [['Accept', 'application/json'], ['Sec-Fetch-Dest', 'empty']] });
    expect([page, asset, preflight, api].map(isApiExchange)).toEqual([false, false, false, true]);
    const download = (target: string) => ({ ...api, request: { ...api.request, target } });
    expect(['/dl/setup.EXE', '/dl/tool-1.2.tar.gz', '/robots.txt', '/api/invoices/7.pdf', '/api/export.csv', '/api/items.json'].map((t) => isApiExchange(download(t)))).toEqual([false, false, false, true, true, true]);
    const l = createInventoryLearner();
    for (const x of [page, asset, preflight, api]) l.add(x);
    const r = l.finish();
    expect(r.upserts.map((u) => u.endpoint.key)).toEqual(['GET api.example.com /users']);
    expect(r.stats.skipped.nonApi).toBe(3);
    const all = createInventoryLearner({ includeNonApi: true });
    for (const x of [page, asset, preflight, api]) all.add(x);
    expect(all.finish().upserts).toHaveLength(4);
  });

  it('handles exchanges without response, host, time or body, and hostile paths (deep paths fold into their 32nd segment)', () => {
    const l = createInventoryLearner();
    const ex: Exchange = { time: 0, client: {}, request: { method: 'get', scheme: 'http', host: '', target: '/a/%zz/%00/../x?%%=1', headers: [] }, source: { kind: 'access-log' } };
    l.add(ex);
    l.add({ ...ex, request: { ...ex.request, target: `/${'a/'.repeat(5000)}` } });
    l.add({ ...ex, request: { ...ex.request, target: `/${'x'.repeat(100_000)}` } });
    l.add(makeExchange('PUT', `${URL_BASE}/bad-json`, { requestBody: { text: '{"a": ', type: 'application/json' } }));
    const r = l.finish();
    expect(r.upserts.map((u) => u.endpoint.key)).toEqual(['GET  /a/%zz/%00/../x', `GET  /${'a/'.repeat(31)}{aId}`, 'GET  /{id}', 'PUT api.example.com /bad-json']);
    const bad = only(r, 'PUT api.example.com /bad-json');
    expect(bad.requestBodies).toEqual([{ contentType: 'application/json', schema: {}, count: 1 }]);
    expect(r.upserts[0]?.endpoint.firstSeen).toBeUndefined();
  });

  it('counts malformed exchanges and goes on', () => {
    const l = createInventoryLearner();
    l.add({ time: 0 } as unknown as Exchange);
    l.add({ time: 0, client: {}, request: { method: 'GET', scheme: 'https', host: 'h', target: '/a', headers: null }, source: { kind: 'har' } } as unknown as Exchange);
    l.add(null as unknown as Exchange);
    l.add(makeExchange('GET', `${URL_BASE}/ok`));
    const r = l.finish();
    expect(r.stats.skipped).toEqual({ nonApi: 0, overflow: 0, invalid: 3 });
    expect(r.upserts.map((u) => u.endpoint.key)).toEqual(['GET api.example.com /ok']);
  });

  it('refuses to be used after finish()', () => {
    const l = createInventoryLearner();
    l.finish();
    expect(() => l.add(makeExchange('GET', `${URL_BASE}/x`))).toThrow(/after finish/);
    expect(() => l.finish()).toThrow(/twice/);
  });
});

describe('inventory learner: state across imports', () => {
  it('merges a later import into the stored state as if it had seen everything at once', () => {
    const reqs = Array.from({ length: 6 }, (_, i) => makeExchange('POST', `${URL_BASE}/items/${i + 1}?v=${i}`, { requestJson: { n: i, tag: i % 2 ? 'a' : 'b' }, time: 1000 + i }));
    const once = createInventoryLearner();
    for (const x of reqs) once.add(x);
    const all = only(once.finish(), 'POST api.example.com /items/{itemId}');

    const first = createInventoryLearner();
    for (const x of reqs.slice(0, 3)) first.add(x);
    const stored = JSON.parse(JSON.stringify(first.finish().upserts)) as LearnedEndpoint[];
    const second = createInventoryLearner({ existing: stored });
    for (const x of reqs.slice(3)) second.add(x);
    const r = second.finish();
    const merged = only(r, 'POST api.example.com /items/{itemId}');
    expect(r.deletes).toEqual([]);
    expect(r.stats.endpoints).toMatchObject({ new: 0, updated: 1 });
    expect({ ...merged, samples: [] }).toEqual({ ...all, samples: [] });
  });

  it('leaves untouched stored endpoints out of the upserts', () => {
    const first = createInventoryLearner();
    first.add(makeExchange('GET', `${URL_BASE}/a`));
    first.add(makeExchange('GET', `${URL_BASE}/b`));
    const stored = first.finish().upserts;
    const second = createInventoryLearner({ existing: stored });
    second.add(makeExchange('GET', `${URL_BASE}/a`));
    const r = second.finish();
    expect(r.upserts.map((u) => [u.endpoint.key, u.endpoint.hits])).toEqual([['GET api.example.com /a', 2]]);
    expect(r.stats.endpoints.total).toBe(2);
  });

  it('survives stored state that is corrupt or from another version (rebuilt from the endpoint view)', () => {
    const first = createInventoryLearner();
    first.add(makeExchange('GET', `${URL_BASE}/a?x=1`, { status: 200 }));
    const [le] = first.finish().upserts;
    const broken: LearnedEndpoint[] = [
      { endpoint: le!.endpoint, state: { v: 99 } },
      { endpoint: { ...le!.endpoint, key: endpointKey('GET', 'api.example.com', '/b'), path: '/b' }, state: 'garbage' },
      { endpoint: null as unknown as Endpoint, state: null },
    ];
    const second = createInventoryLearner({ existing: broken });
    second.add(makeExchange('GET', `${URL_BASE}/a?x=2`, { status: 500 }));
    const r = second.finish();
    const a = only(r, 'GET api.example.com /a');
    expect(a.hits).toBe(2);
    expect(a.statusCodes).toEqual({ '200': 1, '500': 1 });
    expect(a.parameters.find((p) => p.name === 'x')?.count).toBe(2);
  });
});

describe('memory bounds', () => {
  it('learns at most maxHosts API hosts; traffic to further hosts is counted as overflow', () => {
    const l = createInventoryLearner({ tree: { maxHosts: 3 } });
    for (let i = 0; i < 10; i++) l.add(makeExchange('GET', `http://h${i}.evil.test/api/items`, { status: 200, responseJson: { ok: true } }));
    const r = l.finish();
    expect(new Set(r.upserts.map((u) => u.endpoint.host)).size).toBe(3);
    expect(r.stats.skipped.overflow).toBe(7);
  });
});

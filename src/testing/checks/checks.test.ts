/**
 * Every built-in check ships with vectors: responses its judge must fire on and must not fire on (house rule:
 * rules are data plus small pure functions, with their vectors). The probes themselves are exercised end to end
 * against the demo shop (test/testing/shop-e2e.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ApiOperation } from '../../core/index.js';
import { ex } from '../../../test/support/exchange-fixture.js';
import type { Probe, ProbeResults } from '../check.js';
import type { TestExchange } from '../test-request.js';
import { BUILTIN_CHECKS } from './index.js';

interface Vector {
  readonly name: string;
  readonly fire: boolean;
  readonly r: Record<string, TestExchange>;
  readonly data?: Record<string, unknown>;
}

const users = [{ id: 2, email: 'alice@x.test', name: 'Alice' }];
const order = { id: 7, total: 19.99, address: '12 Alice Road' };
const identity = (name: string) => ({ kind: 'identity' as const, identity: name });
const op = (responses: ApiOperation['responses']): ApiOperation => ({ method: 'GET', path: '/users/me', tags: [], deprecated: false, parameters: [], responses, pointer: '/p', extensions: {} });
const userSchemaOp = op({ '200': { content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } } } }, headers: {} } });
const withOp = (x: TestExchange, o: ApiOperation): TestExchange => ({ ...x, request: { ...x.request, operation: o } });
const bola = { victim: 'alice', attacker: 'bob', resource: 'order', id: 7, where: 'path parameter orderId' };

const VECTORS: Record<string, Vector[]> = {
  'bola-read': [
    { name: 'bob gets alice’s order', fire: true, data: bola, r: { owner: ex({ body: order }), attack: ex({ body: order }), anonymous: ex({ status: 401 }) } },
    { name: 'bob is refused', fire: false, data: bola, r: { owner: ex({ body: order }), attack: ex({ status: 404, body: { error: 'no' } }), anonymous: ex({ status: 401 }) } },
    { name: 'public object (anonymous also gets it)', fire: false, data: bola, r: { owner: ex({ body: order }), attack: ex({ body: order }), anonymous: ex({ body: order }) } },
    { name: 'bob gets a different object', fire: false, data: bola, r: { owner: ex({ body: order }), attack: ex({ body: { id: 9, total: 5, address: 'Bob St' } }), anonymous: ex({ status: 401 }) } },
  ],
  'bola-write': [
    { name: 'alice reads bob’s marker back', fire: true, data: { ...bola, marker: 'rmpX', field: 'address' }, r: { before: ex({ body: order }), attack: ex({ body: {} }), readback: ex({ body: { ...order, address: 'rmpX by bob' } }) } },
    { name: 'update refused', fire: false, data: { ...bola, marker: 'rmpX', field: 'address' }, r: { before: ex({ body: order }), attack: ex({ status: 404 }), readback: ex({ body: order }) } },
    { name: '2xx but nothing changed', fire: false, data: { ...bola, marker: 'rmpX', field: 'address' }, r: { before: ex({ body: order }), attack: ex({ body: {} }), readback: ex({ body: order }) } },
  ],
  'bola-delete': [
    { name: 'gone after bob’s delete', fire: true, data: bola, r: { before: ex({ body: order }), attack: ex({ status: 204 }), after: ex({ status: 404 }) } },
    { name: 'delete refused', fire: false, data: bola, r: { before: ex({ body: order }), attack: ex({ status: 403 }), after: ex({ body: order }) } },
    { name: '204 but still there', fire: false, data: bola, r: { before: ex({ body: order }), attack: ex({ status: 204 }), after: ex({ body: order }) } },
  ],
  'auth-missing': [
    { name: 'same answer without credentials', fire: true, r: { authenticated: ex({ body: order }), attack: ex({ body: order }) } },
    { name: 'refused without credentials', fire: false, r: { authenticated: ex({ body: order }), attack: ex({ status: 401 }) } },
    { name: '200 with an error page', fire: false, r: { authenticated: ex({ body: order }), attack: ex({ body: { error: 'please log in' } }) } },
  ],
  'auth-invalid-token': [
    { name: 'tampered token accepted', fire: true, data: { identity: 'alice' }, r: { authenticated: ex({ body: order }), anonymous: ex({ status: 401 }), attack: ex({ body: order }) } },
    { name: 'tampered token refused', fire: false, data: { identity: 'alice' }, r: { authenticated: ex({ body: order }), anonymous: ex({ status: 401 }), attack: ex({ status: 401 }) } },
    { name: 'operation is public anyway', fire: false, data: { identity: 'alice' }, r: { authenticated: ex({ body: order }), anonymous: ex({ body: order }), attack: ex({ body: order }) } },
  ],
  'auth-expired-token': [
    { name: 'expired token let in', fire: true, data: { expired: 'old' }, r: { allowed: ex({ body: users[0] }), refused: ex({ status: 401 }), attack: ex({ body: users[0] }) } },
    { name: 'expired token refused', fire: false, data: { expired: 'old' }, r: { allowed: ex({ body: users[0] }), refused: ex({ status: 401 }), attack: ex({ status: 401 }) } },
  ],
  ...Object.fromEntries(
    ['jwt-alg-none', 'jwt-signature-stripped', 'jwt-weak-secret', 'jwt-key-confusion'].map((id) => [
      id,
      [
        { name: 'forgery accepted, tampering refused', fire: true, data: { identity: 'alice', variant: 'none', secret: 's****t', how: 'x', where: '/jwks' }, r: { allowed: ex({ body: users[0] }), refused: ex({ status: 401 }), tampered: ex({ status: 401 }), attack: ex({ body: users[0] }) } },
        { name: 'forgery refused', fire: false, data: { identity: 'alice' }, r: { allowed: ex({ body: users[0] }), refused: ex({ status: 401 }), tampered: ex({ status: 401 }), attack: ex({ status: 401 }) } },
        { name: 'the API checks no signature at all (tampering accepted too)', fire: false, data: { identity: 'alice' }, r: { allowed: ex({ body: users[0] }), refused: ex({ status: 401 }), tampered: ex({ body: users[0] }), attack: ex({ body: users[0] }) } },
      ] satisfies Vector[],
    ]),
  ),
  'login-no-lockout': [
    { name: 'all wrong answered 401, right one logs in', fire: true, data: { identity: 'bob', attempts: 3 }, r: { 'wrong-1': ex({ status: 401 }), 'wrong-2': ex({ status: 401 }), 'wrong-3': ex({ status: 401 }), attack: ex({ body: { token: 't' } }) } },
    { name: 'throttled', fire: false, data: { identity: 'bob', attempts: 3 }, r: { 'wrong-1': ex({ status: 401 }), 'wrong-2': ex({ status: 429 }), 'wrong-3': ex({ status: 429 }), attack: ex({ status: 429 }) } },
    { name: 'locked: the right password fails', fire: false, data: { identity: 'bob', attempts: 3 }, r: { 'wrong-1': ex({ status: 401 }), 'wrong-2': ex({ status: 401 }), 'wrong-3': ex({ status: 423 }), attack: ex({ status: 423 }) } },
  ],
  'excessive-data-exposure': [
    { name: 'password hash not in the schema', fire: true, r: { attack: withOp(ex({ body: { id: 2, name: 'A', passwordHash: 'x' } }), userSchemaOp) } },
    { name: 'only documented properties', fire: false, r: { attack: withOp(ex({ body: { id: 2, name: 'A' } }), userSchemaOp) } },
    { name: 'error answer', fire: false, r: { attack: withOp(ex({ status: 404, body: { error: 'x', stack: 'y' } }), userSchemaOp) } },
  ],
  'mass-assignment': [
    { name: 'update stored the role', fire: true, data: { name: 'role', value: 'admin', create: false }, r: { before: ex({ body: { role: 'customer' } }), attack: ex({ body: {} }), readback: ex({ body: { role: 'admin' } }) } },
    { name: 'update ignored the role', fire: false, data: { name: 'role', value: 'admin', create: false }, r: { before: ex({ body: { role: 'customer' } }), attack: ex({ body: {} }), readback: ex({ body: { role: 'customer' } }) } },
    { name: 'create stored the price, the twin did not', fire: true, data: { name: 'price', value: 1337.5, create: true }, r: { attack: ex({ status: 201 }), readback: ex({ body: { price: 1337.5 } }), twin: ex({ status: 201 }), 'twin-readback': ex({ body: { price: 5.99 } }) } },
    { name: 'create: the twin has the same value (a default)', fire: false, data: { name: 'status', value: 'pending', create: true }, r: { attack: ex({ status: 201 }), readback: ex({ body: { status: 'pending' } }), twin: ex({ status: 201 }), 'twin-readback': ex({ body: { status: 'pending' } }) } },
  ],
  'unbounded-page-size': [
    { name: '250 items over a maximum of 100', fire: true, data: { param: 'limit', max: 100 }, r: { baseline: ex({ body: { items: Array(10).fill(1) } }), attack: ex({ body: { items: Array(250).fill(1) } }) } },
    { name: 'clamped to the maximum', fire: false, data: { param: 'limit', max: 100 }, r: { baseline: ex({ body: { items: Array(10).fill(1) } }), attack: ex({ body: { items: Array(100).fill(1) } }) } },
    { name: 'rejected', fire: false, data: { param: 'limit', max: 100 }, r: { baseline: ex({ body: { items: [1] } }), attack: ex({ status: 400 }) } },
  ],
  'large-payload-accepted': [
    { name: 'megabyte accepted', fire: true, data: { field: 'text', size: 1048576 }, r: { baseline: ex({ status: 201 }), attack: ex({ status: 201 }) } },
    { name: '413', fire: false, data: { field: 'text', size: 1048576 }, r: { baseline: ex({ status: 201 }), attack: ex({ status: 413 }) } },
  ],
  'rate-limit-missing': [
    { name: 'all answered, nothing announced', fire: true, data: { n: 50, ms: 900, statuses: [[401, 50]], announced: false }, r: { attack: ex({ status: 401 }) } },
    { name: 'some 429', fire: false, data: { n: 50, ms: 900, statuses: [[401, 20], [429, 30]], announced: true }, r: { attack: ex({ status: 429 }) } },
    { name: 'limit announced in headers', fire: false, data: { n: 50, ms: 900, statuses: [[401, 50]], announced: true }, r: { attack: ex({ status: 401 }) } },
  ],
  'bfla-read': [
    { name: 'user gets the admin answer', fire: true, data: { user: 'alice', admin: 'admin' }, r: { admin: ex({ body: users }), attack: ex({ body: users }), anonymous: ex({ status: 401 }) } },
    { name: 'user refused', fire: false, data: { user: 'alice', admin: 'admin' }, r: { admin: ex({ body: users }), attack: ex({ status: 403 }), anonymous: ex({ status: 401 }) } },
    { name: 'no admin identity: user let in where no credentials are refused', fire: true, data: { user: 'alice' }, r: { attack: ex({ body: users }), anonymous: ex({ status: 401 }) } },
  ],
  'bfla-write': [
    { name: 'user deletes two accounts, a missing id fails', fire: true, data: { user: 'alice', resource: 'user', id: 9 }, r: { missing: ex({ status: 404 }), anonymous: ex({ status: 401 }), attack: ex({ status: 204 }), again: ex({ status: 204 }) } },
    { name: 'always 2xx (even for a missing id)', fire: false, data: { user: 'alice', resource: 'user', id: 9 }, r: { missing: ex({ status: 204 }), anonymous: ex({ status: 401 }), attack: ex({ status: 204 }) } },
    { name: 'user refused', fire: false, data: { user: 'alice', resource: 'user', id: 9 }, r: { missing: ex({ status: 403 }), anonymous: ex({ status: 401 }), attack: ex({ status: 403 }) } },
  ],
  ssrf: [
    { name: 'both canary URLs fetched', fire: true, data: { where: 'body field url', hits: 1, hits2: 1, hit: { marker: 'm', method: 'GET', path: '/rampart-canary/m', from: '127.0.0.1', time: 0 }, canary: 'http://127.0.0.1:1/rampart-canary/m' }, r: { attack: ex() } },
    { name: 'never fetched', fire: false, data: { where: 'body field url', hits: 0, hits2: 0, hit: null, canary: 'x' }, r: { attack: ex({ status: 400 }) } },
    { name: 'fetched once only', fire: false, data: { where: 'body field url', hits: 1, hits2: 0, hit: { marker: 'm', method: 'GET', path: '/', from: 'x', time: 0 }, canary: 'x' }, r: { attack: ex() } },
  ],
  'cors-any-origin': [
    { name: 'origin reflected with credentials', fire: true, data: { origin: 'https://rampart-evil.example' }, r: { attack: ex({ headers: { 'access-control-allow-origin': 'https://rampart-evil.example', 'access-control-allow-credentials': 'true' } }) } },
    { name: 'reflected without credentials', fire: false, data: { origin: 'https://rampart-evil.example' }, r: { attack: ex({ headers: { 'access-control-allow-origin': 'https://rampart-evil.example' } }) } },
    { name: 'fixed allow-list', fire: false, data: { origin: 'https://rampart-evil.example' }, r: { attack: ex({ headers: { 'access-control-allow-origin': 'https://shop.example', 'access-control-allow-credentials': 'true' } }) } },
  ],
  'security-headers-missing': [
    { name: 'no nosniff, no no-store on an authenticated answer', fire: true, r: { attack: ex({ auth: identity('alice'), headers: { 'content-type': 'application/json' } }) } },
    { name: 'both present', fire: false, r: { attack: ex({ auth: identity('alice'), headers: { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } }) } },
    { name: 'public answer may be cached', fire: false, r: { attack: ex({ headers: { 'x-content-type-options': 'nosniff' } }) } },
  ],
  'verbose-errors': [
    { name: 'Node stack trace in a JSON error', fire: true, data: { what: 'malformed JSON' }, r: { baseline: ex({ body: order }), attack: ex({ status: 500, body: { error: 'x', stack: 'SyntaxError: x\n    at JSON.parse (<anonymous>)\n    at readJson (/srv/app/src/server.js:12:30)' } }) } },
    { name: 'Python traceback', fire: true, data: { what: 'x' }, r: { baseline: ex({ body: order }), attack: ex({ status: 500, body: 'Traceback (most recent call last):\n  File "/app/main.py", line 3, in <module>' }) } },
    { name: 'generic problem+json', fire: false, data: { what: 'x' }, r: { baseline: ex({ body: order }), attack: ex({ status: 400, body: { title: 'Bad Request', detail: 'the body is not valid JSON' } }) } },
    { name: 'text mentioning "at" and a path without line numbers', fire: false, data: { what: 'x' }, r: { baseline: ex({ body: order }), attack: ex({ status: 400, body: { error: 'upload failed at /files/report' } }) } },
  ],
  'http-trace-enabled': [
    { name: 'echo with the marker', fire: true, data: { marker: 'rmp1' }, r: { attack: ex({ body: 'TRACE / HTTP/1.1\r\nx-rampart-trace: rmp1\r\n' }) } },
    { name: '405', fire: false, data: { marker: 'rmp1' }, r: { attack: ex({ status: 405 }) } },
  ],
  'server-banner': [
    { name: 'X-Powered-By', fire: true, r: { attack: ex({ headers: { 'x-powered-by': 'Express' } }) } },
    { name: 'versioned Server', fire: true, r: { attack: ex({ headers: { server: 'nginx/1.22.1' } }) } },
    { name: 'bare Server name', fire: false, r: { attack: ex({ headers: { server: 'nginx' } }) } },
  ],
  'old-api-version': [
    { name: 'v1 answers like v2, v98 does not', fire: true, data: { oldPath: '/api/v1/products', currentPath: '/api/v2/products' }, r: { attack: ex({ body: { items: [1] } }), current: ex({ body: { items: [1] } }), control: ex({ status: 404 }) } },
    { name: 'v1 gone', fire: false, data: { oldPath: '/api/v1/products', currentPath: '/api/v2/products' }, r: { attack: ex({ status: 404 }), current: ex({ body: { items: [1] } }), control: ex({ status: 404 }) } },
    { name: 'catch-all server (any version answers)', fire: false, data: { oldPath: '/api/v1/products', currentPath: '/api/v2/products' }, r: { attack: ex({ body: { items: [1] } }), current: ex({ body: { items: [1] } }), control: ex({ body: { items: [1] } }) } },
  ],
  'deprecated-operation-live': [
    { name: '200', fire: true, r: { attack: ex({ body: { items: [] } }) } },
    { name: '410 Gone', fire: false, r: { attack: ex({ status: 410 }) } },
  ],
  'response-schema-mismatch': [
    { name: 'validator reports an issue', fire: true, data: { validate: () => ['body /price: must be number'] }, r: { attack: ex({ body: { price: '1' } }) } },
    { name: 'conforms', fire: false, data: { validate: () => [] }, r: { attack: ex({ body: { price: 1 } }) } },
  ],
  'sqli-error': [
    { name: 'SQLite error only with the quote', fire: true, data: { where: 'query parameter q', payload: "'" }, r: { baseline: ex({ body: { items: [] } }), attack: ex({ status: 500, body: { error: 'unrecognized token: "\'"' } }), twin: ex({ body: { items: [] } }) } },
    { name: 'MySQL error', fire: true, data: { where: 'q', payload: "'" }, r: { baseline: ex(), attack: ex({ status: 500, body: 'You have an error in your SQL syntax; check the manual' }), twin: ex() } },
    { name: 'error also with the escaped twin (not caused by the quote)', fire: false, data: { where: 'q', payload: "'" }, r: { baseline: ex(), attack: ex({ status: 500, body: 'ORA-00933' }), twin: ex({ status: 500, body: 'ORA-00933' }) } },
    { name: 'the word SQL in a normal answer', fire: false, data: { where: 'q', payload: "'" }, r: { baseline: ex(), attack: ex({ status: 400, body: { error: 'q must not contain SQL syntax' } }), twin: ex() } },
  ],
  'sqli-boolean': [
    { name: '200 vs 401', fire: true, data: { where: 'body field email', yes: "x' OR '1'='1'-- ", no: "x' OR '1'='2'-- " }, r: { baseline: ex({ status: 401 }), attack: ex({ body: { token: 't' } }), twin: ex({ status: 401 }) } },
    { name: 'all rows vs none', fire: true, data: { where: 'q', yes: 'a', no: 'b' }, r: { baseline: ex({ body: { items: [1] } }), attack: ex({ body: { items: Array(50).fill(1) } }), twin: ex({ body: { items: [] } }) } },
    { name: 'both refused', fire: false, data: { where: 'q', yes: 'a', no: 'b' }, r: { baseline: ex({ status: 400 }), attack: ex({ status: 400 }), twin: ex({ status: 400 }) } },
    { name: 'input reflected, same number of items', fire: false, data: { where: 'message', yes: "hi' AND '1'='1", no: "hi' AND '1'='2" }, r: { baseline: ex(), attack: ex({ body: { preview: "hi' AND '1'='1 rendered" } }), twin: ex({ body: { preview: "hi' AND '1'='2 rendered" } }) } },
    { name: 'throttled vs refused', fire: false, data: { where: 'q', yes: 'a', no: 'b' }, r: { baseline: ex({ status: 401 }), attack: ex({ status: 429 }), twin: ex({ status: 401 }) } },
  ],
  'sqli-time': [
    { name: 'delays scale with the sleep', fire: true, data: { where: 'q', delayMs: 1000, payload: 'x' }, r: { baseline: ex({ ms: 20 }), zero: ex({ ms: 25 }), attack: ex({ ms: 1030 }), double: ex({ ms: 2040 }) } },
    { name: 'no delay', fire: false, data: { where: 'q', delayMs: 1000, payload: 'x' }, r: { baseline: ex({ ms: 20 }), zero: ex({ ms: 25 }), attack: ex({ ms: 30 }), double: ex({ ms: 28 }) } },
    { name: 'one slow answer (jitter), not doubling', fire: false, data: { where: 'q', delayMs: 1000, payload: 'x' }, r: { baseline: ex({ ms: 20 }), zero: ex({ ms: 25 }), attack: ex({ ms: 1200 }), double: ex({ ms: 30 }) } },
    { name: 'everything slow', fire: false, data: { where: 'q', delayMs: 1000, payload: 'x' }, r: { baseline: ex({ ms: 1500 }), zero: ex({ ms: 1500 }), attack: ex({ ms: 1600 }), double: ex({ ms: 1700 }) } },
  ],
  'nosqli-operator': [
    { name: '$ne matches, literal and $eq do not', fire: true, data: { where: 'body field code', op: '$ne', twinOp: '$eq' }, r: { literal: ex({ status: 404 }), attack: ex({ body: { code: 'WELCOME10' } }), twin: ex({ status: 404 }) } },
    { name: 'operators refused', fire: false, data: { where: 'code', op: '$ne', twinOp: '$eq' }, r: { literal: ex({ status: 404 }), attack: ex({ status: 400 }), twin: ex({ status: 400 }) } },
    { name: 'everything matches (not operator-driven)', fire: false, data: { where: 'code', op: '$ne', twinOp: '$eq' }, r: { literal: ex({ body: { ok: 1 } }), attack: ex({ body: { ok: 1 } }), twin: ex({ body: { ok: 1 } }) } },
  ],
  'command-injection': [
    { name: 'sum computed', fire: true, data: { where: 'q', sum: '48340', payload: 'x;echo $((40127+8213))' }, r: { baseline: ex({ body: { status: 'ok' } }), attack: ex({ body: { status: 'ok\n48340' } }) } },
    { name: 'payload reflected only', fire: false, data: { where: 'q', sum: '48340', payload: 'x;echo $((40127+8213))' }, r: { baseline: ex(), attack: ex({ body: { q: 'x;echo $((40127+8213))' } }) } },
    { name: 'sum inside a longer number', fire: false, data: { where: 'q', sum: '48340', payload: 'x' }, r: { baseline: ex(), attack: ex({ body: { id: 1483401 } }) } },
  ],
  'path-traversal': [
    { name: '/etc/passwd returned', fire: true, data: { where: 'path parameter file', payload: '../../etc/passwd' }, r: { baseline: ex({ body: 'manual' }), attack: ex({ body: 'root:x:0:0:root:/root:/bin/bash\n' }) } },
    { name: 'win.ini returned', fire: true, data: { where: 'file', payload: 'x' }, r: { baseline: ex({ body: 'manual' }), attack: ex({ body: '; for 16-bit app support\n[fonts]\n' }) } },
    { name: 'refused', fire: false, data: { where: 'file', payload: 'x' }, r: { baseline: ex({ body: 'manual' }), attack: ex({ status: 400 }) } },
  ],
  ssti: [
    { name: 'product computed', fire: true, data: { where: 'message', product: '9801547', expr: '{{1337*7331}}' }, r: { baseline: ex({ body: { preview: 'hi' } }), attack: ex({ body: { preview: 'hi 9801547' } }) } },
    { name: 'expression reflected as written', fire: false, data: { where: 'message', product: '9801547', expr: '{{1337*7331}}' }, r: { baseline: ex(), attack: ex({ body: { preview: 'hi {{1337*7331}}' } }) } },
  ],
  'fuzz-server-error': [
    { name: '500 on invalid input', fire: true, data: { what: 'quantity: a string' }, r: { baseline: ex({ status: 201 }), attack: ex({ status: 500 }) } },
    { name: '400 on invalid input', fire: false, data: { what: 'x' }, r: { baseline: ex({ status: 201 }), attack: ex({ status: 400 }) } },
    { name: '503 (availability, not a crash)', fire: false, data: { what: 'x' }, r: { baseline: ex({ status: 201 }), attack: ex({ status: 503 }) } },
    { name: 'the valid request fails too', fire: false, data: { what: 'x' }, r: { baseline: ex({ status: 500 }), attack: ex({ status: 500 }) } },
  ],
  'fuzz-invalid-accepted': [
    { name: 'missing required field accepted', fire: true, data: { what: 'required field address missing' }, r: { baseline: ex({ status: 201 }), attack: ex({ status: 201 }) } },
    { name: 'rejected', fire: false, data: { what: 'x' }, r: { baseline: ex({ status: 201 }), attack: ex({ status: 422 }) } },
  ],
};

describe('built-in checks: judge vectors', () => {
  it('every built-in check has vectors that fire and vectors that must not', () => {
    for (const c of BUILTIN_CHECKS) {
      const v = VECTORS[c.id];
      expect(v, `no vectors for ${c.id}`).toBeDefined();
      expect(v!.some((x) => x.fire), `${c.id}: no firing vector`).toBe(true);
      expect(v!.some((x) => !x.fire), `${c.id}: no must-not-fire vector`).toBe(true);
    }
    expect(Object.keys(VECTORS).sort()).toEqual(BUILTIN_CHECKS.map((c) => c.id).sort());
  });

  for (const c of BUILTIN_CHECKS) {
    for (const v of VECTORS[c.id] ?? []) {
      it(`${c.id}: ${v.fire ? 'fires on' : 'stays quiet on'} ${v.name}`, () => {
        const probe: Probe = { label: v.name, steps: [], ...(v.data ? { data: v.data } : {}) };
        const j = c.judge(v.r as ProbeResults, probe);
        if (v.fire) {
          expect(j).toBeDefined();
          expect(j!.message.length).toBeGreaterThan(10);
        } else expect(j).toBeUndefined();
      });
    }
  }
});

describe('built-in checks: metadata', () => {
  it('ids are unique kebab-case; OWASP 2023 and CWE ids are well formed; text is filled in', () => {
    const ids = new Set<string>();
    for (const c of BUILTIN_CHECKS) {
      expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(ids.has(c.id)).toBe(false);
      ids.add(c.id);
      expect(c.owasp).toMatch(/^API(10|[1-9]):2023$/);
      expect(c.cwe).toMatch(/^CWE-\d+$/);
      expect(c.title.length).toBeGreaterThan(8);
      for (const t of [c.description, c.fix]) expect(t.length).toBeGreaterThan(30);
    }
  });

  it('checks that change data, lock accounts or burst are intrusive and run after the others', () => {
    for (const id of ['bola-write', 'bola-delete', 'mass-assignment', 'bfla-write', 'login-no-lockout', 'rate-limit-missing', 'large-payload-accepted']) {
      const c = BUILTIN_CHECKS.find((x) => x.id === id)!;
      expect(c.intrusive, id).toBe(true);
      expect(c.stage === 'late' || c.stage === 'last', id).toBe(true);
    }
    expect(BUILTIN_CHECKS.filter((c) => !c.intrusive && c.stage)).toEqual([]);
  });
});

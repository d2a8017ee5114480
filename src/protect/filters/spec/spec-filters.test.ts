import { describe, expect, it } from 'vitest';
import { makeTx, status } from '../../../../test/support/gateway-tx.js';
import { createOperationRouter, parseSpecText } from '../../../spec/index.js';
import type { FilterVerdict } from '../../phases/phase.js';
import { createSpecFilters } from './spec-filters.js';

const spec = parseSpecText(
  `
openapi: 3.1.0
info: { title: t, version: '1' }
servers: [{ url: https://api.test/v1 }]
paths:
  /users/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer, minimum: 1 } }
        - { name: fields, in: query, schema: { type: array, items: { enum: [name, email] } }, style: form, explode: false }
        - { name: X-Tenant, in: header, required: true, schema: { type: string, pattern: '^[a-z]{3,10}$' } }
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: object, required: [id], properties: { id: { type: integer } } } } }
    delete:
      responses: { '204': { description: gone } }
  /users:
    post:
      requestBody:
        required: true
        content:
          application/json: { schema: { type: object, required: [email], properties: { email: { type: string, format: email } } } }
          application/x-www-form-urlencoded: { schema: { type: object, required: [email], properties: { email: { type: string } } } }
      responses: { '201': { description: created } }
`,
  'spec.yaml',
);
const router = createOperationRouter(spec.description);
const filters = createSpecFilters({ description: spec.description, router, status, maxBodyBytes: 1 << 20 });
const routed = (init: Parameters<typeof makeTx>[0] & { method?: string; target?: string }) => {
  const target = init.target ?? '/';
  const [path, query = ''] = target.split('?') as [string, string?];
  const route = router.match(init.method ?? 'GET', path, 'api.test', query);
  return makeTx({ ...init, ...(route ? { route } : {}) });
};
const out = (v: FilterVerdict) => (v.action === 'continue' ? 'continue' : v.action === 'rewrite' ? 'rewrite' : `${v.rule} ${v.status}`);

describe('positive security model', () => {
  it.each([
    [{ target: '/v1/users/7?fields=name,email', headers: { 'x-tenant': 'acme' } }, 'continue'],
    [{ target: '/v1/users/0', headers: { 'x-tenant': 'acme' } }, 'spec.invalid-parameter 400'],
    [{ target: '/v1/users/abc', headers: { 'x-tenant': 'acme' } }, 'spec.invalid-parameter 400'],
    [{ target: '/v1/users/7?fields=password', headers: { 'x-tenant': 'acme' } }, 'spec.invalid-parameter 400'],
    [{ target: '/v1/users/7' }, 'spec.invalid-parameter 400'],
    [{ target: '/v1/users/7', headers: { 'x-tenant': "acme' or 1=1" } }, 'spec.invalid-parameter 400'],
    [{ target: '/v1/users/7', headers: { 'x-tenant': 'acme', 'content-length': '5' } }, 'spec.invalid-body 400'],
  ])('request %j → %s', (init, expected) => {
    expect(out(filters.request.evaluate(routed(init)) as FilterVerdict)).toBe(expected);
  });

  it('tells unknown query parameters apart', () => {
    expect(out(filters.unknownQuery.evaluate(routed({ target: '/v1/users/7?debug=true&fields=name', headers: { 'x-tenant': 'acme' } })) as FilterVerdict)).toBe('spec.unknown-parameter 400');
    expect(out(filters.unknownQuery.evaluate(routed({ target: '/v1/users/7?fields=name' })) as FilterVerdict)).toBe('continue');
  });

  it('answers 405 with Allow for a known path, and shadow for an unknown one', () => {
    const wrong = routed({ method: 'PUT', target: '/v1/users/7' });
    const v = filters.method.evaluate(wrong) as FilterVerdict;
    expect(v).toMatchObject({ action: 'block', rule: 'spec.method-not-allowed', status: 405, headers: { allow: 'DELETE, GET' } });
    expect(out(filters.unknownOperation.evaluate(wrong) as FilterVerdict)).toBe('continue');
    const shadow = routed({ target: '/v1/admin/export' });
    expect(out(filters.method.evaluate(shadow) as FilterVerdict)).toBe('continue');
    expect(out(filters.unknownOperation.evaluate(shadow) as FilterVerdict)).toBe('spec.unknown-operation 404');
  });

  it.each([
    ['application/json', '{"email":"a@b.example"}', 'continue'],
    ['application/json; charset=utf-8', '{"email":"not an email"}', 'spec.invalid-body 400'],
    ['application/json', '{"email": ', 'spec.invalid-body 400'],
    ['application/json', '{}', 'spec.invalid-body 400'],
    ['application/x-www-form-urlencoded', 'email=a%40b.example', 'continue'],
    ['text/xml', '<email/>', 'spec.unsupported-media-type 415'],
  ])('body %s %s → %s', (type, body, expected) => {
    expect(out(filters.body.evaluate(routed({ method: 'POST', target: '/v1/users', headers: { 'content-type': type }, body })) as FilterVerdict)).toBe(expected);
  });

  it('validates responses when asked: undocumented status, schema', () => {
    const ok = routed({ target: '/v1/users/7', status: 200, responseHeaders: { 'content-type': 'application/json' }, responseBody: '{"id":7}' });
    expect(out(filters.response.evaluate(ok) as FilterVerdict)).toBe('continue');
    const bad = routed({ target: '/v1/users/7', status: 200, responseHeaders: { 'content-type': 'application/json' }, responseBody: '{"name":"x"}' });
    expect(out(filters.response.evaluate(bad) as FilterVerdict)).toBe('spec.invalid-response 502');
    const status500 = routed({ target: '/v1/users/7', status: 500, responseHeaders: {}, responseBody: 'boom' });
    expect(out(filters.response.evaluate(status500) as FilterVerdict)).toBe('spec.invalid-response 502');
  });
});

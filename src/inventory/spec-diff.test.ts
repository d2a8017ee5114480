import { describe, expect, it } from 'vitest';
import { makeExchange } from '../../test/support/exchanges.js';
import type { ApiDescription, Endpoint } from '../core/index.js';
import { parseSpecText } from '../spec/index.js';
import { createInventoryLearner, type LearnResult } from './inventory-learner.js';
import { VersionIndex, normaliseTemplate, versionNumber } from './spec-diff.js';

const SPEC = `
openapi: 3.0.3
info: { title: Users, version: '2.0' }
servers: [{ url: 'https://api.example.com/v2' }]
paths:
  /users:
    get: { operationId: listUsers, responses: { '200': { description: ok } } }
    post: { operationId: createUser, responses: { '201': { description: created } } }
  /users/me:
    get: { operationId: me, responses: { '200': { description: ok } } }
  /users/{userId}:
    parameters: [{ name: userId, in: path, required: true, schema: { type: integer } }]
    get:
      operationId: getUser
      parameters: [{ name: expand, in: query, schema: { type: string } }]
      responses: { '200': { description: ok }, '4XX': { description: client error } }
    delete: { operationId: deleteUser, deprecated: true, responses: { '204': { description: gone } } }
  /orders/{orderId}:
    get: { operationId: getOrder, parameters: [{ name: orderId, in: path, required: true, schema: { type: string } }], responses: { default: { description: any } } }
  /legacy/report:
    get: { operationId: report, deprecated: true, responses: { '200': { description: ok } } }
`;

function spec(text = SPEC, file = 'users.yaml'): ApiDescription {
  return parseSpecText(text, file).description;
}

const H = 'https://api.example.com';

function traffic(add: (url: string, method?: string, status?: number) => void): void {
  add(`${H}/v2/users/42?expand=roles&debug=1`, 'GET', 200);
  add(`${H}/v2/users/43`, 'GET', 404);
  add(`${H}/v2/users/44`, 'GET', 500);
  add(`${H}/v2/users/me`, 'GET', 200);
  add(`${H}/v2/users/7`, 'DELETE', 204);
  add(`${H}/v1/users`, 'GET', 200);
  add(`${H}/v2/internal/debug`, 'GET', 200);
}

function byKey(r: LearnResult): Record<string, Endpoint> {
  return Object.fromEntries(r.upserts.map((u) => [u.endpoint.key, u.endpoint]));
}

describe('spec diff', () => {
  it('gives documented, zombie, shadow and orphan endpoints, with the spec template and names', () => {
    const l = createInventoryLearner({ specs: [spec()] });
    traffic((url, method = 'GET', status = 200) => l.add(makeExchange(method, url, { status })));
    const r = l.finish();
    const e = byKey(r);
    expect(Object.entries(e).map(([k, v]) => [k, v.status, v.hits])).toEqual([
      ['DELETE api.example.com /v2/users/{userId}', 'zombie', 1],
      ['GET api.example.com /v1/users', 'zombie', 1],
      ['GET api.example.com /v2/internal/debug', 'shadow', 1],
      ['GET api.example.com /v2/legacy/report', 'orphan', 0],
      ['GET api.example.com /v2/orders/{orderId}', 'orphan', 0],
      ['GET api.example.com /v2/users', 'orphan', 0],
      ['GET api.example.com /v2/users/me', 'documented', 1],
      ['GET api.example.com /v2/users/{userId}', 'documented', 3],
      ['POST api.example.com /v2/users', 'orphan', 0],
    ]);
    expect(r.stats.byStatus).toEqual({ documented: 2, shadow: 1, zombie: 2, orphan: 4 });
    const get = e['GET api.example.com /v2/users/{userId}'] as Endpoint;
    expect(get.sources).toEqual(['spec', 'traffic']);
    expect(get.spec).toEqual({ file: 'users.yaml', operationId: 'getUser', deprecated: false, path: '/users/{userId}' });
    expect(get.drift).toEqual({ undocumentedParameters: ['query:debug'], undocumentedStatusCodes: ['500'] });
    expect(get.parameters.map((p) => [p.in, p.name, p.documented, p.required, p.count])).toEqual([
      ['path', 'userId', true, true, 3],
      ['query', 'debug', false, false, 1],
      ['query', 'expand', true, false, 1],
    ]);
    expect(e['DELETE api.example.com /v2/users/{userId}']?.spec?.deprecated).toBe(true);
    const orphan = e['GET api.example.com /v2/orders/{orderId}'] as Endpoint;
    expect(orphan).toMatchObject({ sources: ['spec'], hits: 0, statusCodes: {}, samples: [] });
    expect(orphan.parameters).toEqual([{ name: 'orderId', in: 'path', schema: { type: 'string' }, required: true, count: 0, documented: true }]);
  });

  it('re-homes traffic learned before the spec was known (addDescription after add, or a later import)', () => {
    const l = createInventoryLearner();
    traffic((url, method = 'GET', status = 200) => l.add(makeExchange(method, url, { status })));
    l.addDescription(spec());
    const keys = Object.entries(byKey(l.finish())).map(([k, v]) => `${v.status} ${k}`);
    expect(keys).toContain('documented GET api.example.com /v2/users/{userId}');
    expect(keys).toContain('documented GET api.example.com /v2/users/me');

    const before = createInventoryLearner();
    traffic((url, method = 'GET', status = 200) => before.add(makeExchange(method, url, { status })));
    const stored = before.finish().upserts;
    expect(stored.map((u) => u.endpoint.status)).toEqual(stored.map(() => 'shadow'));
    const after = createInventoryLearner({ existing: stored, specs: [spec()] });
    const r = after.finish();
    expect(byKey(r)['GET api.example.com /v2/users/{userId}']).toMatchObject({ status: 'documented', hits: 3 });
    expect(r.deletes).toEqual([]); // learned `/v2/users/{userId}` renders to the same key
    expect(r.stats.byStatus.documented).toBe(2);
  });

  it('deletes stored orphans once they are seen under a host (relative servers)', () => {
    const relative = spec(SPEC.replace("'https://api.example.com/v2'", "'/v2'"));
    const first = createInventoryLearner({ specs: [relative] }).finish();
    expect(first.upserts.map((u) => u.endpoint.key)).toContain('GET  /v2/users/{userId}');
    const second = createInventoryLearner({ existing: first.upserts, specs: [relative] });
    second.add(makeExchange('GET', `${H}/v2/users/9`));
    const r = second.finish();
    expect(r.deletes).toEqual(['GET  /v2/users/{userId}']);
    expect(byKey(r)['GET api.example.com /v2/users/{userId}']?.status).toBe('documented');
    expect(r.upserts.filter((u) => u.endpoint.status === 'orphan')).toEqual([]); // the others did not change
  });

  it('treats Postman collections as documentation and discovery results as known but undocumented', () => {
    const postman: ApiDescription = { ...spec(), source: { kind: 'postman', version: 'postman-2.1', file: 'c.json' } };
    const discovery: ApiDescription = {
      source: { kind: 'discovery', version: 'discovery' },
      title: 'found',
      dialect: 'openapi-3.0',
      servers: [{ url: 'https://api.example.com', host: 'api.example.com', basePath: '' }],
      securitySchemes: {},
      operations: [{ method: 'GET', path: '/admin/export', tags: [], deprecated: false, parameters: [], responses: {}, pointer: '', extensions: {} }],
    };
    const l = createInventoryLearner({ specs: [postman, discovery] });
    l.add(makeExchange('GET', `${H}/v2/users/me`));
    const e = byKey(l.finish());
    expect(e['GET api.example.com /v2/users/me']).toMatchObject({ status: 'documented', sources: ['postman', 'traffic'] });
    expect(e['GET api.example.com /admin/export']).toMatchObject({ status: 'shadow', sources: ['discovery'], hits: 0 });
  });
});

describe('versions and templates', () => {
  it('reads version segments', () => {
    expect(['v1', 'v2.1', 'V3', 'v1beta1', 'v10', 'version', 'v', '2'].map(versionNumber)).toEqual([1, 2, 3, 1, 10, undefined, undefined, undefined]);
  });

  it('knows when a documented path has a newer version', () => {
    const v = new VersionIndex();
    v.add('/api/v2/users/{id}');
    v.add('/api/v3/orders');
    expect(v.hasNewer('/api/v1/users/{userId}')).toBe(true);
    expect(v.hasNewer('/api/v2/users/{userId}')).toBe(false);
    expect(v.hasNewer('/api/v2/orders')).toBe(true);
    expect(v.hasNewer('/api/v1/carts')).toBe(false);
    expect(normaliseTemplate('/a/{b}/c/{d}.json')).toBe('/a/{}/c/{}.json');
  });
});

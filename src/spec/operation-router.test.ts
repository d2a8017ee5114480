import { describe, expect, it } from 'vitest';
import type { ApiDescription, ApiOperation, ApiServer } from '../core/api-description.js';
import { createOperationRouter } from './operation-router.js';

function op(method: string, path: string, servers?: ApiServer[]): ApiOperation {
  return { method, path, tags: [], deprecated: false, parameters: [], responses: {}, pointer: `/paths/${path}/${method.toLowerCase()}`, extensions: {}, operationId: `${method} ${path}`, ...(servers ? { servers } : {}) };
}

function describeApi(operations: ApiOperation[], servers: ApiServer[] = [{ url: '/', basePath: '' }]): ApiDescription {
  return { source: { kind: 'openapi', version: '3.0.3' }, title: 't', dialect: 'openapi-3.0', servers, operations, securitySchemes: {} };
}

const api = describeApi([
  op('GET', '/users/{id}'),
  op('GET', '/users/me'),
  op('DELETE', '/users/{userId}'),
  op('GET', '/users/{id}/files/{name}.json'),
  op('GET', '/users/{id}/files/{name}'),
  op('GET', '/points/{a},{b}'),
  op('GET', '/v{major}.{minor}/status'),
  op('POST', '/jobs/{job}:cancel'),
  op('GET', '/jobs/{job}'),
  op('GET', '/'),
  op('GET', '/docs/'),
  op('GET', '/current?city={city}'),
  op('GET', '/current?lat={lat}&lon={lon}'),
  op('GET', '/tags/{arn}#tagKeys'),
]);
const router = createOperationRouter(api);
const match = (method: string, path: string, query?: string) => {
  const m = router.match(method, path, undefined, query);
  return m && { op: m.operation.operationId, params: m.pathParams };
};

describe('operation router: precedence and templates', () => {
  it.each([
    ['GET', '/users/42', 'GET /users/{id}', { id: '42' }],
    ['GET', '/users/me', 'GET /users/me', {}],
    // `/users/me` has no DELETE: the templated path takes it
    ['DELETE', '/users/me', 'DELETE /users/{userId}', { userId: 'me' }],
    ['GET', '/users/7/files/report.json', 'GET /users/{id}/files/{name}.json', { id: '7', name: 'report' }],
    ['GET', '/users/7/files/report.xml', 'GET /users/{id}/files/{name}', { id: '7', name: 'report.xml' }],
    ['GET', '/points/1.5,2', 'GET /points/{a},{b}', { a: '1.5', b: '2' }],
    ['GET', '/v1.2/status', 'GET /v{major}.{minor}/status', { major: '1', minor: '2' }],
    ['POST', '/jobs/j1:cancel', 'POST /jobs/{job}:cancel', { job: 'j1' }],
    ['GET', '/jobs/j1:cancel', 'GET /jobs/{job}', { job: 'j1:cancel' }],
    ['GET', '/', 'GET /', {}],
    ['GET', '/tags/arn:aws:x', 'GET /tags/{arn}#tagKeys', { arn: 'arn:aws:x' }],
  ])('%s %s → %s', (method, path, expected, params) => {
    expect(match(method, path)).toEqual({ op: expected, params });
  });

  it.each([
    ['GET', '/users'],
    ['GET', '/users/'],
    ['GET', '/users//files/x'],
    ['PUT', '/users/1'],
    ['GET', '/points/1,'],
    ['GET', 'users/1'],
    ['GET', '/nope'],
  ])('%s %s → no match', (method, path) => {
    expect(match(method, path)).toBeUndefined();
  });

  it('percent-decodes parameter values and literal segments (%2F stays inside its segment)', () => {
    expect(match('GET', '/users/a%2Fb%20c')).toEqual({ op: 'GET /users/{id}', params: { id: 'a/b c' } });
    expect(match('GET', '/users/%6De')).toEqual({ op: 'GET /users/me', params: {} });
    expect(match('GET', '/users/%E0%A4%A')).toEqual({ op: 'GET /users/{id}', params: { id: '%E0%A4%A' } });
  });

  it('HEAD falls back to GET; methods are case-insensitive', () => {
    expect(match('HEAD', '/users/me')?.op).toBe('GET /users/me');
    expect(match('get', '/users/me')?.op).toBe('GET /users/me');
  });

  it('tells apart operations whose templates carry query names', () => {
    expect(match('GET', '/current', 'lat=1&lon=2')?.op).toBe('GET /current?lat={lat}&lon={lon}');
    expect(match('GET', '/current', 'city=Paris')?.op).toBe('GET /current?city={city}');
    expect(match('GET', '/current')?.op).toBe('GET /current?city={city}');
  });

  it('matchPath lists every method of a known path (405 support)', () => {
    const all = router.matchPath('/users/me').map((m) => [m.operation.operationId, m.pathParams]);
    expect(all).toEqual([
      ['GET /users/me', {}],
      ['DELETE /users/{userId}', { userId: 'me' }],
    ]);
    expect(router.matchPath('/nope')).toEqual([]);
  });

  it('bounds the walk on hostile paths', () => {
    expect(match('GET', `/${'a/'.repeat(5000)}`)).toBeUndefined();
    expect(match('GET', `/users/${'x'.repeat(100_000)}`)?.op).toBe('GET /users/{id}');
  });
});

describe('operation router: trailing slash policy', () => {
  it('ignore (default): one slash more or less matches, unless the spec declares both', () => {
    expect(match('GET', '/users/42/')?.op).toBe('GET /users/{id}');
    expect(match('GET', '/docs')?.op).toBe('GET /docs/');
    expect(match('GET', '/docs/')?.op).toBe('GET /docs/');
    const both = createOperationRouter(describeApi([op('GET', '/a'), op('GET', '/a/')]));
    expect(both.match('GET', '/a')?.operation.path).toBe('/a');
    expect(both.match('GET', '/a/')?.operation.path).toBe('/a/');
  });

  it('strict: only as written', () => {
    const strict = createOperationRouter(api, { trailingSlash: 'strict' });
    expect(strict.match('GET', '/users/42/')).toBeUndefined();
    expect(strict.match('GET', '/docs')).toBeUndefined();
    expect(strict.match('GET', '/docs/')?.operation.operationId).toBe('GET /docs/');
  });
});

describe('operation router: servers', () => {
  const servers: ApiServer[] = [
    { url: 'https://api.example.com/v2', host: 'api.example.com', basePath: '/v2' },
    { url: '/internal/v2', basePath: '/internal/v2' },
  ];
  const admin: ApiServer[] = [{ url: 'https://admin.example.com/', host: 'admin.example.com', basePath: '' }];
  const r = createOperationRouter(describeApi([op('GET', '/pets'), op('DELETE', '/pets', admin), op('GET', '/{tenant}/home')], servers));

  it('matches under every server base path, not without one', () => {
    expect(r.match('GET', '/v2/pets')?.operation.path).toBe('/pets');
    expect(r.match('GET', '/internal/v2/pets')?.operation.path).toBe('/pets');
    expect(r.match('GET', '/pets')).toBeUndefined();
  });

  it('prefers the servers of the request host; unknown hosts match any server unless strictHost', () => {
    expect(r.match('DELETE', '/pets', 'admin.example.com')?.operation.method).toBe('DELETE');
    // a known host that does not serve DELETE /pets
    expect(r.match('DELETE', '/pets', 'api.example.com')).toBeUndefined();
    expect(r.match('DELETE', '/pets', 'gateway.local:8080')?.operation.method).toBe('DELETE');
    expect(r.match('GET', '/v2/pets', 'API.EXAMPLE.COM')?.operation.path).toBe('/pets');
    const strict = createOperationRouter(describeApi([op('GET', '/pets')], [servers[0] as ApiServer]), { strictHost: true });
    expect(strict.match('GET', '/v2/pets', 'gateway.local')).toBeUndefined();
    expect(strict.match('GET', '/v2/pets', 'api.example.com')?.operation.path).toBe('/pets');
  });

  it('captures templated base path segments too', () => {
    const t = createOperationRouter(describeApi([op('GET', '/items')], [{ url: 'https://x.example.com/{account}', host: 'x.example.com', basePath: '/{account}' }]));
    expect(t.match('GET', '/acme/items')?.pathParams).toEqual({ account: 'acme' });
  });
});

import { describe, expect, it } from 'vitest';
import type { ApiOperation } from '../core/index.js';
import { buildRequest, idSlots, pickMediaType } from './build-request.js';
import { createIdPool } from './id-pool.js';
import { injectionPoints } from './injection-points.js';
import { invalidInputs, wrongTypeValue } from './invalid-inputs.js';
import { basePathFor, planOperations, requiresAuth } from './plan.js';

const createOrder: ApiOperation = {
  method: 'POST',
  path: '/users/{userId}/orders',
  tags: [],
  deprecated: false,
  parameters: [
    { name: 'userId', in: 'path', required: true, deprecated: false, schema: { type: 'integer' } },
    { name: 'dryRun', in: 'query', required: false, deprecated: false, schema: { type: 'boolean' } },
    { name: 'tenant', in: 'query', required: true, deprecated: false, schema: { type: 'string', example: 't1' } },
    { name: 'X-Request-Id', in: 'header', required: true, deprecated: false, schema: { type: 'string', format: 'uuid' } },
    { name: 'Authorization', in: 'header', required: true, deprecated: false, schema: { type: 'string' } },
  ],
  requestBody: {
    required: true,
    content: {
      'application/xml': { schema: { type: 'string' } },
      'application/json': {
        schema: {
          type: 'object',
          required: ['productId', 'quantity'],
          properties: { id: { type: 'integer', readOnly: true }, productId: { type: 'integer' }, quantity: { type: 'integer', minimum: 1, maximum: 10 }, note: { type: 'string' }, shipping: { type: 'object', properties: { addressId: { type: 'string' } } } },
        },
      },
    },
  },
  responses: {},
  security: [{ bearer: [] }],
  pointer: '/paths/x',
  extensions: {},
};
const api = { source: { kind: 'openapi' as const, version: '3.0.3' }, title: 't', dialect: 'openapi-3.0' as const, servers: [{ url: '/api', basePath: '/api' }], operations: [createOrder], securitySchemes: {} };

describe('planning and building requests', () => {
  it('puts operations under the base path and tells who may call them', () => {
    expect(basePathFor(new URL('http://h/'), api)).toBe('/api');
    expect(basePathFor(new URL('http://h/v9/'), api)).toBe('/v9');
    const [p] = planOperations(api, '/api', [{ ...createOrder, path: '/users/{id}/orders' }, { ...createOrder, method: 'GET', path: '/status', security: [] }]);
    expect(p).toMatchObject({ key: 'POST /users/{userId}/orders', fullPath: '/api/users/{userId}/orders', source: 'spec', requiresAuth: true });
    const all = planOperations(api, '/api', [{ ...createOrder, path: '/users/{id}/orders' }, { ...createOrder, method: 'GET', path: '/status', security: [] }]);
    expect(all.map((x) => `${x.key} ${x.source}`)).toEqual(['POST /users/{userId}/orders spec', 'GET /status inventory']);
    expect(requiresAuth({ ...createOrder, security: [{}, { bearer: [] }] })).toBe(false);
    expect(requiresAuth({ ...createOrder, security: undefined as never })).toBeUndefined();
  });

  it('builds a valid request: examples, required parameters, JSON body, ids from the pool', () => {
    const [p] = planOperations(api, '/api');
    const pool = createIdPool();
    pool.learnFromBody({ id: 42 }, 'GET', '/users/me', 'alice');
    pool.learnFromBody([{ id: 7 }], 'GET', '/products', 'alice');
    pool.learnFromBody({ id: 'a-1' }, 'POST', '/addresses', 'alice');
    const r = buildRequest(p!, { identity: 'alice', pool });
    expect(r.path).toBe('/api/users/42/orders');
    expect(r.query).toEqual([['tenant', 't1']]);
    expect(r.headers.map(([n]) => n)).toEqual(['accept', 'x-request-id']);
    expect(r.body).toEqual({ kind: 'json', value: { productId: 7, quantity: 1, note: 'rampart', shipping: { addressId: 'a-1' } } });
    expect(r.auth).toEqual({ kind: 'identity', identity: 'alice' });
    expect(r.valid).toBe(true);
    expect(buildRequest(p!, {}).path).toBe('/api/users/1/orders');
    expect(pickMediaType(createOrder.requestBody!.content)![0]).toBe('application/json');
  });

  it('finds id slots, injection points and invalid inputs', () => {
    const [p] = planOperations(api, '/api');
    expect(idSlots(p!).map((s) => [s.loc.in, s.resource])).toEqual([
      ['path', 'user'],
      ['body', 'product'],
    ]);
    const r = buildRequest(p!, {});
    expect(injectionPoints(p!, r).map((x) => `${x.loc.in}:${x.name}:${x.type}`)).toEqual(['query:tenant:string', 'body:quantity:integer', 'body:note:string', 'path:userId:integer', 'header:X-Request-Id:string', 'body:productId:integer', 'body:addressId:string']);
    const inv = invalidInputs(p!, r).map((x) => x.what);
    expect(inv).toEqual([
      'a malformed JSON body',
      'a JSON array where an object is required',
      'required field productId missing',
      'productId: a string where a number is required',
      'required field quantity missing',
      'quantity: a string where a number is required',
      'quantity: 1010 above the maximum 10',
      'path parameter userId: not a number',
      'required query parameter tenant missing',
    ]);
    expect(wrongTypeValue({ type: 'string', enum: ['a'] })!.value).toBe('rampart-not-in-enum');
    expect(wrongTypeValue({})).toBeUndefined();
  });
});

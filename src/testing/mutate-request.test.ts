import { describe, expect, it } from 'vitest';
import { describeLocation, renderPath, valueAt, withBodyField, withHeader, withIdentity, withoutBodyField, withPathParam, withQueryParam, withRawPath, withValueAt } from './mutate-request.js';
import type { TestRequest } from './test-request.js';

const base: TestRequest = {
  method: 'PATCH',
  path: '/api/orders/1',
  pathTemplate: '/api/orders/{orderId}',
  pathParams: { orderId: '1' },
  query: [['q', 'x']],
  headers: [['accept', 'application/json']],
  body: { kind: 'json', value: { address: 'a', items: [{ qty: 1 }] } },
  auth: { kind: 'identity', identity: 'alice' },
  valid: true,
};

describe('request mutations', () => {
  it('render path parameters percent-encoded as one segment', () => {
    expect(renderPath('/files/{name}', { name: '../../etc/passwd' })).toBe('/files/..%2F..%2Fetc%2Fpasswd');
    expect(withPathParam(base, 'orderId', '7').path).toBe('/api/orders/7');
  });

  it('never change the input and mark the result not valid', () => {
    const m = withBodyField(withQueryParam(withHeader(withIdentity(base, 'bob'), 'X-A', '1'), 'q', 'y'), ['items', 0, 'qty'], 99);
    expect(base.body).toEqual({ kind: 'json', value: { address: 'a', items: [{ qty: 1 }] } });
    expect(base.valid).toBe(true);
    expect(m.valid).toBe(false);
    expect(m.auth).toEqual({ kind: 'identity', identity: 'bob' });
    expect(m.headers).toEqual([
      ['accept', 'application/json'],
      ['x-a', '1'],
    ]);
    expect(m.query).toEqual([['q', 'y']]);
    expect(m.body).toEqual({ kind: 'json', value: { address: 'a', items: [{ qty: 99 }] } });
  });

  it('read and write values by location', () => {
    const loc = { in: 'body', path: ['address'] } as const;
    expect(valueAt(withValueAt(base, loc, 'b'), loc)).toBe('b');
    expect(valueAt(base, { in: 'path', name: 'orderId' })).toBe('1');
    expect(withoutBodyField(base, ['address']).body).toEqual({ kind: 'json', value: { items: [{ qty: 1 }] } });
    expect(describeLocation({ in: 'body', path: ['items', 0, 'qty'] })).toBe('body field items[0].qty');
    expect(describeLocation({ in: 'query', name: 'q' })).toBe('query parameter q');
  });

  it('drop the template when the raw path is replaced', () => {
    const r = withRawPath(base, '/api/v1/orders/1');
    expect(r.path).toBe('/api/v1/orders/1');
    expect(r.pathTemplate).toBeUndefined();
    expect(withPathParam(r, 'orderId', '2').path).toBe('/api/v1/orders/1');
  });
});

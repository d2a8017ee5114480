import { describe, expect, it } from 'vitest';
import { createIdPool } from './id-pool.js';

describe('id pool', () => {
  it('learns created objects, listed items and embedded references with their provenance', () => {
    const pool = createIdPool();
    pool.learnFromBody({ id: 12, productId: 3, status: 'pending' }, 'POST', '/orders', 'alice');
    pool.learnFromBody([{ id: 12 }, { id: 13 }], 'GET', '/orders', 'alice');
    pool.learnFromBody({ items: [{ id: 1 }, { id: 2 }], total: 2 }, 'GET', '/products', 'alice');
    pool.learnFromBody({ token: 't', user: { id: 5 } }, 'POST', '/auth/login', 'alice');
    expect(pool.ids('order', 'alice').map((x) => [x.value, x.provenance])).toEqual([
      [12, 'created'],
      [13, 'listed'],
    ]);
    expect(pool.ids('product', 'alice').map((x) => [x.value, x.provenance])).toEqual([
      [1, 'listed'],
      [2, 'listed'],
      [3, 'embedded'],
    ]);
    expect(pool.ids('user', 'alice').map((x) => x.provenance)).toEqual(['embedded']);
    expect(pool.createdBy('order', 'alice').map((x) => x.value)).toEqual([12]);
    expect(pool.resources().sort()).toEqual(['order', 'product', 'user']);
  });

  it('learns ids from Location headers matched against the path templates', () => {
    const pool = createIdPool();
    pool.learnFromLocation('/api/v2/orders/77', ['/api/v2/orders', '/api/v2/orders/{orderId}'], '', 'bob');
    pool.learnFromLocation('https://api.test/api/v2/users/u-9', ['/api/v2/users/{id}'], '', 'bob');
    expect(pool.createdBy('order', 'bob').map((x) => x.value)).toEqual([77]);
    expect(pool.createdBy('user', 'bob').map((x) => x.value)).toEqual(['u-9']);
  });

  it('calls ids private only when no other identity saw them, and never embedded ones', () => {
    const pool = createIdPool();
    pool.learnFromBody({ id: 1 }, 'POST', '/orders', 'alice');
    pool.learnFromBody({ id: 2 }, 'POST', '/orders', 'alice');
    pool.learnFromBody([{ id: 2 }], 'GET', '/orders', 'bob');
    pool.learnFromBody({ orderId: 3 }, 'GET', '/invoices', 'alice');
    expect(pool.privateIds('order', 'alice', ['bob']).map((x) => x.value)).toEqual([1]);
  });

  it('keeps at most perKey ids, replacing weaker provenances with stronger ones', () => {
    const pool = createIdPool(2);
    pool.learnFromBody([{ id: 1 }, { id: 2 }, { id: 3 }], 'GET', '/orders', 'a');
    expect(pool.ids('order', 'a')).toHaveLength(2);
    pool.learnFromBody({ id: 9 }, 'POST', '/orders', 'a');
    expect(pool.ids('order', 'a').map((x) => x.value)).toContain(9);
    expect(pool.ids('order', 'a')).toHaveLength(2);
  });

  it('stays bounded on huge or deep bodies', () => {
    const pool = createIdPool();
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 1000; i++) cur = (cur.child = { id: i }) as Record<string, unknown>;
    pool.learnFromBody(deep, 'GET', '/things', 'a');
    pool.learnFromBody(Array.from({ length: 100_000 }, (_, i) => ({ id: i })), 'GET', '/orders', 'a');
    expect(pool.ids('order', 'a').length).toBeLessThanOrEqual(20);
  });
});

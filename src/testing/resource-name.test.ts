import { describe, expect, it } from 'vitest';
import { isIdName, resourceOfIdName, resourceOfPath, resourceOfPathParam, singular, staticSegments } from './resource-name.js';

describe('resource names', () => {
  it('makes nouns singular', () => {
    expect(['orders', 'categories', 'addresses', 'boxes', 'status', 'user', 'access'].map(singular)).toEqual(['order', 'category', 'address', 'box', 'status', 'user', 'access']);
  });
  it('recognises id-holding names', () => {
    for (const n of ['id', '_id', 'uuid', 'orderId', 'order_id', 'orderUUID', 'customer-id']) expect(isIdName(n), n).toBe(true);
    for (const n of ['idea', 'valid', 'android', 'paid', 'name']) expect(isIdName(n), n).toBe(false);
    expect(resourceOfIdName('orderId')).toBe('order');
    expect(resourceOfIdName('line_item_id')).toBe('lineitem');
    expect(resourceOfIdName('id')).toBeUndefined();
  });
  it('names path parameters by their own name or the segment before them', () => {
    expect(resourceOfPathParam('/api/v2/orders/{orderId}', 'orderId')).toBe('order');
    expect(resourceOfPathParam('/api/v2/orders/{id}', 'id')).toBe('order');
    expect(resourceOfPathParam('/users/{uid}/addresses/{id}', 'id')).toBe('address');
    expect(resourceOfPathParam('/v1/{id}', 'id')).toBeUndefined();
  });
  it('names what a path returns or creates', () => {
    expect(resourceOfPath('/orders')).toBe('order');
    expect(resourceOfPath('/api/v2/users/me')).toBe('user');
    expect(resourceOfPath('/orders/{orderId}')).toBe('order');
    expect(resourceOfPath('/users/{id}/orders')).toBe('order');
    expect(staticSegments('/api/v2/orders/{id}/items')).toEqual(['api', 'v2', 'orders', 'items']);
  });
});

import { describe, expect, it } from 'vitest';
import { camelName, classifySegment, singular, splitPath, templatePath } from './path-template.js';

describe('templatePath', () => {
  const cases: Array<[string, string]> = [
    ['/users/42', '/users/{userId}'],
    ['/users/42/orders/ORD-2024-00042', '/users/{userId}/orders/{orderId}'],
    ['/users/me', '/users/me'],
    ['/api/v2/users/550e8400-e29b-41d4-a716-446655440000', '/api/v2/users/{userId}'],
    ['/42/details', '/{id}/details'],
    ['/files/d41d8cd98f00b204e9800998ecf8427e.pdf', '/files/{fileId}.pdf'],
    ['/files/report.pdf', '/files/report.pdf'],
    ['/people/alice@example.com', '/people/{email}'],
    ['/reports/2024-05-01/summary', '/reports/{date}/summary'],
    ['/reports/20240501', '/reports/{date}'],
    ['/a/1/b/2/c/3', '/a/{aId}/b/{bId}/c/{cId}'],
    ['/1/2', '/{id}/{id2}'],
    ['/users/42/', '/users/{userId}'],
    ['//users//42', '/users/{userId}'],
    ['/', '/'],
    ['', '/'],
    ['/page;jsessionid=ABCDEF123/items', '/page/items'],
    ['/api/3/action/package_show', '/api/3/action/package_show'],
    ['/api/300/action', '/api/{apiId}/action'],
    ['/categories/7', '/categories/{categoryId}'],
    ['/rest/products/24/reviews', '/rest/products/{productId}/reviews'],
    ['/a/%7Bx%7D', '/a/%7Bx%7D'],
    ['/a/{x}', '/a/%7Bx%7D'],
    ['/hosts/10.0.0.1', '/hosts/{hostIp}'],
  ];
  it.each(cases)('%s → %s', (path, template) => {
    expect(templatePath(path).template).toBe(template);
  });

  it('reports the parameters with their values and positions', () => {
    expect(templatePath('/users/42/files/ab12cd34ef.json').params).toEqual([
      { name: 'userId', kind: 'integer', value: '42', position: 1 },
      { name: 'fileId', kind: 'hex', value: 'ab12cd34ef', position: 3 },
    ]);
  });

  it('decodes segments for classification but keeps the raw literal', () => {
    expect(classifySegment('alice%40example.com')).toEqual({ raw: 'alice%40example.com', value: 'alice@example.com', kind: 'email', suffix: '' });
    expect(classifySegment('Score%20Board')).toMatchObject({ raw: 'Score%20Board', kind: 'literal' });
  });

  it('bounds the number of segments', () => {
    const segs = splitPath(`/${Array.from({ length: 100 }, (_, i) => `s${i}x`).join('/')}`);
    expect(segs).toHaveLength(32);
  });

  it('names parameters from singular collection names', () => {
    expect(['users', 'categories', 'addresses', 'boxes', 'status', 'Quantitys', 'data'].map(singular)).toEqual([
      'user', 'category', 'address', 'box', 'status', 'Quantity', 'data',
    ]);
    expect(camelName('application-configuration')).toBe('applicationConfiguration');
    expect(camelName('123')).toBe('');
  });
});

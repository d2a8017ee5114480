import { describe, expect, it } from 'vitest';
import type { RampartError } from '../core/errors.js';
import { postmanToApiDescription } from './postman.js';

const collection = {
  info: { name: 'Shop', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  variable: [
    { key: 'baseUrl', value: 'https://api.shop.example/v1' },
    { key: 'orderId', value: '' },
  ],
  auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] },
  item: [
    {
      name: 'Orders',
      item: [
        {
          name: 'Get order',
          request: {
            method: 'GET',
            header: [
              { key: 'Accept', value: 'application/json' },
              { key: 'X-Tenant', value: 'acme' },
            ],
            url: { raw: '{{baseUrl}}/orders/:id?expand=items&draft=true', host: ['{{baseUrl}}'], path: ['orders', ':id'], query: [{ key: 'expand', value: 'items' }, { key: 'draft', value: 'true', disabled: true }], variable: [{ key: 'id', value: '42' }] },
          },
          response: [
            { name: 'found', code: 200, header: [{ key: 'Content-Type', value: 'application/json; charset=utf-8' }], body: '{"id": 42}' },
            { name: 'missing', code: 404, body: '' },
          ],
        },
        {
          name: 'Cancel order',
          request: { method: 'post', url: '{{baseUrl}}/orders/{{orderId}}/cancel', body: { mode: 'raw', raw: '{"reason": "late"}', options: { raw: { language: 'json' } } } },
        },
        {
          name: 'Same order again',
          request: { method: 'GET', url: { raw: '{{baseUrl}}/orders/:id?fields=id', query: [{ key: 'fields', value: 'id' }] } },
        },
      ],
    },
    {
      name: 'Public',
      auth: { type: 'noauth' },
      item: [
        { name: 'Upload', request: { method: 'PUT', url: 'https://files.shop.example/upload', body: { mode: 'formdata', formdata: [{ key: 'file', type: 'file', src: 'a.png' }, { key: 'title', value: 't' }] } } },
        { name: 'Login', request: { method: 'POST', url: '{{baseUrl}}/login', header: [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }], body: { mode: 'urlencoded', urlencoded: [{ key: 'user', value: 'u' }] } } },
      ],
    },
  ],
};

describe('Postman v2.1 → ApiDescription', () => {
  const d = postmanToApiDescription(collection, { file: 'shop.postman.json' });

  it('reads the base URL from collection variables; several bases become per-operation servers', () => {
    expect(d.source).toEqual({ kind: 'postman', file: 'shop.postman.json', version: 'postman-2.1' });
    expect(d.servers.map((s) => [s.host, s.basePath])).toEqual([
      ['api.shop.example', '/v1'],
      ['files.shop.example', ''],
    ]);
    expect(d.operations.map((o) => [o.method, o.path, o.servers?.[0]?.host])).toEqual([
      ['GET', '/orders/{id}', 'api.shop.example'],
      ['POST', '/orders/{orderId}/cancel', 'api.shop.example'],
      ['PUT', '/upload', 'files.shop.example'],
      ['POST', '/login', 'api.shop.example'],
    ]);
  });

  it('turns :id and {{var}} path segments into templates; query and header parameters; merges duplicates', () => {
    const get = d.operations[0];
    expect(get?.parameters.map((p) => [p.in, p.name, p.required, p.example])).toEqual([
      ['path', 'id', true, '42'],
      ['query', 'expand', false, 'items'],
      ['header', 'X-Tenant', false, 'acme'],
      ['query', 'fields', false, 'id'],
    ]);
    expect(get?.tags).toEqual(['Orders']);
    expect(get?.pointer).toBe('/item/0/item/0');
    expect(get?.summary).toBe('Get order');
  });

  it('keeps saved example responses with their status codes and media types', () => {
    expect(d.operations[0]?.responses).toEqual({
      '200': { description: 'found', content: { 'application/json': { example: { id: 42 } } }, headers: {} },
      '404': { description: 'missing', content: {}, headers: {} },
    });
  });

  it('infers body media types: raw JSON, form-data, urlencoded', () => {
    expect(d.operations[1]?.requestBody).toEqual({ required: true, content: { 'application/json': { example: { reason: 'late' } } } });
    expect(d.operations[2]?.requestBody?.content['multipart/form-data']?.schema).toEqual({ type: 'object', properties: { file: { type: 'string', format: 'binary' }, title: {} } });
    expect(Object.keys(d.operations[3]?.requestBody?.content ?? {})).toEqual(['application/x-www-form-urlencoded']);
  });

  it('inherits auth from the collection and folders (noauth = public)', () => {
    expect(d.operations.map((o) => o.security)).toEqual([[{ bearerAuth: [] }], [{ bearerAuth: [] }], [], []]);
    expect(d.securitySchemes).toEqual({ bearerAuth: { type: 'http', scheme: 'bearer' } });
  });

  it('accepts the `{collection: …}` wrapper and environment variables', () => {
    const wrapped = postmanToApiDescription({ collection }, { variables: { baseUrl: 'http://localhost:3000' } });
    expect(wrapped.servers[0]).toEqual({ url: 'http://localhost:3000', host: 'localhost:3000', basePath: '' });
  });

  it.each([
    ['not an object', [1, 2], /not a JSON object/],
    ['v1 collection', { requests: [] }, /Postman v1/],
    ['no item array', { info: { name: 'x' } }, /`item` array/],
    ['another schema', { info: { schema: 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json' }, item: [] }, /unsupported collection schema/],
  ])('rejects %s with E_POSTMAN_INVALID', (_what, value, message) => {
    let err: RampartError | undefined;
    try {
      postmanToApiDescription(value, { file: 'c.json' });
    } catch (e) {
      err = e as RampartError;
    }
    expect(err?.code).toBe('E_POSTMAN_INVALID');
    expect(err?.message).toMatch(message);
  });
});

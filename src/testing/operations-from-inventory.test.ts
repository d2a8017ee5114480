import { describe, expect, it } from 'vitest';
import { endpointFixture } from '../../test/support/store-contract.js';
import { operationsFromInventory } from './operations-from-inventory.js';

describe('operations from the inventory', () => {
  it('turns endpoints of the target host under the base path into operations, seeded by real samples', () => {
    const e = endpointFixture({
      method: 'POST',
      host: 'api.example.com',
      path: '/api/v2/orders/{id}/notes',
      status: 'shadow',
      parameters: [
        { name: 'id', in: 'path', schema: { type: 'integer' }, required: true, count: 3, documented: false },
        { name: 'lang', in: 'query', schema: { type: 'string' }, required: false, count: 3, documented: false },
        { name: 'authorization', in: 'header', schema: { type: 'string' }, required: true, count: 3, documented: false },
      ],
      requestBodies: [{ contentType: 'application/json', schema: { type: 'object', properties: { text: { type: 'string' } } }, count: 3 }],
      responses: [{ status: '201', contentType: 'application/json', schema: { type: 'object' }, count: 3 }],
      auth: [{ kind: 'bearer-jwt', count: 3 }],
      samples: [{ time: 1, method: 'POST', target: '/api/v2/orders/981/notes?lang=de', status: 201, requestHeaders: [], requestBody: '{"text":"hello"}' }],
    });
    const other = endpointFixture({ host: 'other.example.com' });
    const outside = endpointFixture({ host: 'api.example.com', path: '/health' });
    const { operations, skipped } = operationsFromInventory([e, other, outside], { host: 'api.example.com', basePath: '/api/v2' });
    expect(skipped).toBe(2);
    expect(operations).toHaveLength(1);
    const op = operations[0]!;
    expect(op).toMatchObject({ method: 'POST', path: '/orders/{id}/notes', deprecated: false, security: [{ 'bearer-jwt': [] }], pointer: 'inventory:POST api.example.com /api/v2/orders/{id}/notes', extensions: { 'x-rampart-inventory-status': 'shadow' } });
    expect(op.parameters.map((p) => [p.name, p.in, p.example])).toEqual([
      ['id', 'path', 981],
      ['lang', 'query', 'de'],
    ]);
    expect(op.requestBody!.content['application/json']).toMatchObject({ example: { text: 'hello' } });
    expect(Object.keys(op.responses)).toEqual(['201']);
  });

  it('never reuses redacted sample values, marks zombies deprecated and public endpoints public', () => {
    const e = endpointFixture({
      path: '/tokens/{token}',
      status: 'zombie',
      parameters: [{ name: 'token', in: 'path', schema: { type: 'string' }, required: true, count: 1, documented: false }],
      auth: [{ kind: 'none', count: 2 }],
      samples: [{ time: 1, method: 'GET', target: '/tokens/[REDACTED]', requestHeaders: [] }],
    });
    const [op] = operationsFromInventory([e], { host: '', basePath: '' }).operations;
    expect(op!.parameters[0]!.example).toBeUndefined();
    expect(op!.deprecated).toBe(true);
    expect(op!.security).toEqual([]);
  });
});

/**
 * The store contract: every Store adapter must pass these tests (house rule: one contract suite per port).
 * Call `describeStoreContract('sqlite', () => openSqliteStore(':memory:'))` from the adapter's test file.
 */
import { describe, expect, it } from 'vitest';
import type { ApiDescription, Endpoint } from '../../src/core/index.js';
import type { Store } from '../../src/store/store.js';

export function endpointFixture(over: Partial<Endpoint> = {}): Endpoint {
  const method = over.method ?? 'GET';
  const host = over.host ?? 'api.example.com';
  const path = over.path ?? '/users/{id}';
  return {
    key: `${method} ${host} ${path}`,
    method,
    host,
    path,
    status: 'shadow',
    sources: ['traffic'],
    hits: 3,
    statusCodes: { '200': 3 },
    firstSeen: 1_700_000_000_000,
    lastSeen: 1_700_000_100_000,
    requestContentTypes: [],
    responseContentTypes: ['application/json'],
    parameters: [],
    requestBodies: [],
    responses: [],
    auth: [{ kind: 'bearer-jwt', jwt: { alg: 'HS256' }, count: 3 }],
    sensitive: [],
    samples: [],
    ...over,
  };
}

export function describeStoreContract(name: string, open: () => Store): void {
  describe(`store contract: ${name}`, () => {
    it('records imports by content hash', () => {
      const s = open();
      expect(s.findImport('abc')).toBeUndefined();
      s.recordImport({ sha256: 'abc', file: 'a.har', format: 'har', importedAt: 5, exchanges: 10, skipped: 1 });
      expect(s.findImport('abc')).toEqual({ sha256: 'abc', file: 'a.har', format: 'har', importedAt: 5, exchanges: 10, skipped: 1 });
      expect(s.listImports().map((i) => i.file)).toEqual(['a.har']);
      s.close();
    });

    it('puts, gets, filters and deletes endpoints with their state', () => {
      const s = open();
      const a = endpointFixture();
      const b = endpointFixture({ method: 'POST', path: '/users', status: 'documented' });
      const c = endpointFixture({ host: 'admin.example.com', path: '/health' });
      s.putEndpoints([
        { endpoint: a, state: { n: 1 } },
        { endpoint: b, state: { n: 2 } },
        { endpoint: c, state: null },
      ]);
      expect(s.getEndpoint(a.key)).toEqual({ endpoint: a, state: { n: 1 } });
      expect(s.listEndpoints().map((r) => r.endpoint.key)).toEqual([c.key, b.key, a.key]);
      expect(s.listEndpoints({ status: 'documented' }).map((r) => r.endpoint.key)).toEqual([b.key]);
      expect(s.listEndpoints({ host: 'ADMIN.example.com' }).map((r) => r.endpoint.key)).toEqual([c.key]);
      expect(s.listEndpoints({ method: 'post' }).map((r) => r.endpoint.key)).toEqual([b.key]);
      s.putEndpoints([{ endpoint: { ...a, hits: 9 }, state: { n: 3 } }]);
      expect(s.getEndpoint(a.key)?.endpoint.hits).toBe(9);
      expect(s.getEndpoint(a.key)?.state).toEqual({ n: 3 });
      s.deleteEndpoints([a.key, 'missing']);
      expect(s.getEndpoint(a.key)).toBeUndefined();
      expect(s.listEndpoints()).toHaveLength(2);
      s.close();
    });

    it('rolls a failed transaction back whole', () => {
      const s = open();
      expect(() =>
        s.transaction(() => {
          s.putEndpoints([{ endpoint: endpointFixture(), state: null }]);
          s.recordImport({ sha256: 'x', file: 'x', format: 'har', importedAt: 1, exchanges: 1, skipped: 0 });
          throw new Error('abort');
        }),
      ).toThrow('abort');
      expect(s.listEndpoints()).toEqual([]);
      expect(s.findImport('x')).toBeUndefined();
      s.close();
    });

    it('keeps specs', () => {
      const s = open();
      const description: ApiDescription = {
        source: { kind: 'openapi', file: 'api.yaml', version: '3.0.3' },
        title: 'T',
        dialect: 'openapi-3.0',
        servers: [],
        operations: [],
        securitySchemes: {},
      };
      s.putSpec({ id: 's1', file: 'api.yaml', addedAt: 1, description });
      s.putSpec({ id: 's1', file: 'api.yaml', addedAt: 2, description });
      expect(s.listSpecs()).toEqual([{ id: 's1', file: 'api.yaml', addedAt: 2, description }]);
      s.close();
    });
  });
}

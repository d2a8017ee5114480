/**
 * The store contract: every Store adapter must pass these tests (house rule: one contract suite per port).
 * Call `describeStoreContract('sqlite', () => openSqliteStore(':memory:'))` from the adapter's test file.
 */
import { describe, expect, it } from 'vitest';
import type { ActorView, ApiDescription, Detection, Endpoint } from '../../src/core/index.js';
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

export function detectionFixture(over: Partial<Detection> = {}): Detection {
  return {
    id: over.id ?? 'd1',
    rule: 'behaviour.brute-force.account',
    detector: 'brute-force',
    class: 'brute-force',
    severity: 'high',
    time: 1_700_000_000_000,
    index: 12,
    actor: 'ip:203.0.113.7',
    endpoint: 'POST api.example.com /login',
    message: 'brute force on one account',
    score: 50,
    evidence: { requests: [{ index: 12, time: 1_700_000_000_000, method: 'POST', target: '/login', status: 401 }], counters: { failures: 10 }, facts: { account: 'a***@example.com' } },
    ...over,
  };
}

export function actorFixture(over: Partial<ActorView> = {}): ActorView {
  return {
    key: 'ip:203.0.113.7',
    kind: 'ip',
    firstSeen: 1_700_000_000_000,
    lastSeen: 1_700_000_060_000,
    requests: 40,
    attacks: 2,
    detections: 1,
    risk: 42.5,
    riskAt: 1_700_000_060_000,
    peakRisk: 60,
    classes: ['brute-force'],
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

    it('keeps detections once by id, filtered by actor, class and time, newest first', () => {
      const s = open();
      const a = detectionFixture({ id: 'a', time: 1_000 });
      const b = detectionFixture({ id: 'b', time: 2_000, class: 'sqli', detector: 'signatures', rule: 'sqli-tokenizer' });
      const c = detectionFixture({ id: 'c', time: 3_000, actor: 'sub:eve', class: 'bola' });
      s.putDetections([a, b, c]);
      s.putDetections([a]);
      expect(s.listDetections().map((d) => d.id)).toEqual(['c', 'b', 'a']);
      expect(s.listDetections({ actor: 'ip:203.0.113.7' }).map((d) => d.id)).toEqual(['b', 'a']);
      expect(s.listDetections({ class: 'sqli' })).toEqual([b]);
      expect(s.listDetections({ since: 2_000 }).map((d) => d.id)).toEqual(['c', 'b']);
      expect(s.listDetections({ limit: 1 }).map((d) => d.id)).toEqual(['c']);
      // one timeline entry per new detection (the repeated put added none)
      expect(s.timeline('ip:203.0.113.7').map((e) => [e.time, e.kind, e.rule, e.detection])).toEqual([
        [1_000, 'detection', a.rule, 'a'],
        [2_000, 'detection', 'sqli-tokenizer', 'b'],
      ]);
      s.close();
    });

    it('puts, replaces, gets and lists actors (by class and last seen)', () => {
      const s = open();
      const ip = actorFixture();
      const eve = actorFixture({ key: 'sub:eve', kind: 'subject', peakRisk: 90, lastSeen: 5_000, classes: ['bola'] });
      s.putActors([ip, eve]);
      s.putDetections([detectionFixture({ id: 'x', actor: 'sub:eve', class: 'bola' })]);
      expect(s.getActor('sub:eve')).toEqual(eve);
      expect(s.getActor('ip:198.51.100.1')).toBeUndefined();
      expect(s.listActors().map((a) => a.key)).toEqual(['sub:eve', 'ip:203.0.113.7']);
      expect(s.listActors({ class: 'bola' }).map((a) => a.key)).toEqual(['sub:eve']);
      expect(s.listActors({ since: 1_000_000 }).map((a) => a.key)).toEqual(['ip:203.0.113.7']);
      s.putActors([{ ...ip, requests: 99 }]);
      expect(s.getActor(ip.key)?.requests).toBe(99);
      s.close();
    });

    it('makes one secret key per database and keeps it', () => {
      const s = open();
      const k = s.secretKey();
      expect(k).toMatch(/^[0-9a-f]{32,}$/);
      expect(s.secretKey()).toBe(k);
      const other = open();
      expect(other.secretKey()).not.toBe(k);
      other.close();
      s.close();
    });

    it('caps detections and timeline entries per actor, dropping the oldest', () => {
      const s = open();
      const { detectionsPerActor, timelinePerActor } = s.threatLimits;
      const n = Math.max(detectionsPerActor, timelinePerActor) + 5;
      s.putDetections(Array.from({ length: n }, (_, i) => detectionFixture({ id: `d${String(i).padStart(5, '0')}`, time: 10_000 + i })));
      s.putDetections([detectionFixture({ id: 'other', actor: 'ip:198.51.100.9' })]);
      const kept = s.listDetections({ actor: 'ip:203.0.113.7', limit: 100_000 });
      expect(kept).toHaveLength(detectionsPerActor);
      expect(kept[kept.length - 1]?.time).toBe(10_000 + n - detectionsPerActor);
      const tl = s.timeline('ip:203.0.113.7');
      expect(tl).toHaveLength(timelinePerActor);
      expect(tl[0]?.time).toBe(10_000 + n - timelinePerActor);
      s.addTimeline('ip:203.0.113.7', [{ time: 10_000 + n, kind: 'note', class: 'block', rule: 'gateway.block', message: 'blocked', score: 0 }]);
      expect(s.timeline('ip:203.0.113.7')).toHaveLength(timelinePerActor);
      expect(s.timeline('ip:203.0.113.7').at(-1)?.kind).toBe('note');
      expect(s.timeline('ip:198.51.100.9')).toHaveLength(1);
      s.close();
    });
  });
}

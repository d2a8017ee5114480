import { describe, expect, it } from 'vitest';
import type { Detection, Exchange } from '../core/index.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createLiveAnalysis } from './live-analysis.js';

function login(i: number, ip: string): Exchange {
  return {
    time: 1_767_000_000_000 + i * 1000,
    client: { ip },
    request: {
      method: 'POST',
      scheme: 'https',
      host: 'shop.example',
      target: '/api/login',
      headers: [['host', 'shop.example'], ['content-type', 'application/json'], ['user-agent', 'curl/8.0'], ['accept', '*/*']],
      body: { text: JSON.stringify({ username: 'alice', password: `guess-${i}` }), size: 40, truncated: false },
    },
    response: { status: 401, headers: [['content-type', 'application/json']], body: { text: '{"error":"bad credentials"}', size: 27, truncated: false } },
    source: { kind: 'gateway' },
  };
}

describe('createLiveAnalysis', () => {
  it('learns into the store only on persist, skips exchanges marked learn: false, and hands detections over once', () => {
    const store = openSqliteStore(':memory:');
    const detections: Detection[] = [];
    const flagged: string[] = [];
    const live = createLiveAnalysis({ store, onDetection: (d) => void detections.push(...d), onVerdict: (_i, v) => void (v.flagged && flagged.push(v.actor)) });
    live.analyze(Array.from({ length: 30 }, (_, i) => ({ exchange: login(i, '203.0.113.9') })));
    live.analyze([{ exchange: { ...login(99, '203.0.113.10'), request: { ...login(99, '').request, target: '/api/blocked-probe' } }, learn: false }]);
    expect(store.listEndpoints()).toHaveLength(0);
    const stats = live.persist();
    expect(stats?.endpoints.total).toBe(1);
    expect(store.listEndpoints().map((r) => `${r.endpoint.method} ${r.endpoint.path} ${r.endpoint.hits}`)).toEqual(['POST /api/login 30']);
    expect(live.persist()).toBeUndefined(); // nothing new
    expect(detections.some((d) => d.detector === 'brute-force' && d.actor === 'ip:203.0.113.9')).toBe(true);
    expect(new Set(detections.map((d) => d.id)).size).toBe(detections.length);
    expect(flagged).toContain('ip:203.0.113.9');
    expect(live.stats()).toMatchObject({ exchanges: 31, persisted: 1 });
    // the passwords it saw are not in the store
    expect(JSON.stringify(store.listEndpoints())).not.toContain('guess-1');
    store.close();
  });

  it('detects without a store', () => {
    const live = createLiveAnalysis({ detector: {} });
    live.analyze([{ exchange: login(1, '192.0.2.1') }]);
    expect(live.persist()).toBeUndefined();
    expect(live.detector?.stats().exchanges).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { T0, ipOf, req, run } from '../../test/support/behaviour-traffic.js';
import { createDetector } from './analyze.js';
import type { Exchange } from '../core/index.js';

describe('createDetector', () => {
  it('counts a signature result computed elsewhere (the gateway) as if it had inspected the request', () => {
    const d = createDetector({ signatures: false });
    const sqli = { attack: true, score: 10, classes: ['sqli' as const], matches: [] };
    const v = d.analyze(req({ time: T0, ip: '192.0.2.7', path: '/api/items', status: 403 }), undefined, { signature: sqli });
    expect(v.attack).toBe(true);
    expect(v.classes).toContain('sqli');
    expect(d.riskOf('ip:192.0.2.7')).toBeGreaterThan(0);
    const clean = d.analyze(req({ time: T0 + 1, ip: '192.0.2.8', path: '/api/items', status: 200 }));
    expect(clean.attack).toBe(false);
    expect(d.riskOf('ip:192.0.2.8')).toBe(0);
    expect(d.flush().some((x) => x.detector === 'signatures' && x.class === 'sqli' && x.actor === v.actor)).toBe(true);
    // views of chosen actors only (looked up by key); unknown keys are left out
    expect(d.actors({ keys: new Set([v.actor, 'ip:203.0.113.250']) }).map((a) => a.key)).toEqual([v.actor]);
  });

  it('uses the injected clock for exchanges without a time', () => {
    let now = T0;
    const d = createDetector({ signatures: false, now: () => now });
    d.analyze(req({ time: 0, ip: '192.0.2.1', path: '/api/a', status: 200 }));
    now = T0 + 5_000;
    d.analyze(req({ time: 0, ip: '192.0.2.1', path: '/api/a', status: 200 }));
    const [actor] = d.actors({ all: true }).filter((a) => a.key === 'ip:192.0.2.1');
    expect(actor?.firstSeen).toBe(T0);
    expect(actor?.lastSeen).toBe(T0 + 5_000);
  });

  it('expires idle actors as the stream clock advances', () => {
    const traffic: Exchange[] = [];
    for (let i = 0; i < 50; i++) traffic.push(req({ time: T0 + i, ip: ipOf(i), path: '/api/a', status: 200 }));
    traffic.push(req({ time: T0 + 2 * 3_600_000, ip: '192.0.2.99', path: '/api/a', status: 200 }));
    const { detector } = run(traffic, { actors: { idleMs: 60_000 } });
    const keys = detector.actors({ all: true }).map((a) => a.key);
    expect(keys.some((k) => k.startsWith('ip:198.'))).toBe(false);
    expect(keys).toContain('ip:192.0.2.99');
    expect(detector.stats().actors.expired).toBeGreaterThanOrEqual(50);
  });

  it('keeps the actor table and the detectors bounded under a flood of distinct actors', () => {
    const d = createDetector({ signatures: false, actors: { maxActors: 1_000 } });
    for (let i = 0; i < 6_000; i++) {
      d.analyze(req({ time: T0 + i * 10, ip: ipOf(i), path: '/api/auth/login', status: 401, client: 'python', body: { email: `v${i}@leak.test`, password: 'x' } }));
    }
    const s = d.stats();
    expect(s.actors.size).toBeLessThanOrEqual(1_000);
    expect(s.actors.evicted).toBeGreaterThan(4_000);
    for (const [name, n] of Object.entries(s.state)) expect(n, name).toBeLessThanOrEqual(100_000);
    d.finish();
  });

  it('reports the verdict: index, behaviour classes and rules on the exchange that decided', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 15; k++) traffic.push(req({ time: T0 + k * 1_000, ip: '203.0.113.5', path: `/api/orders/${100 + k}`, status: 404, sub: 'walker' }));
    const { verdicts } = run(traffic);
    const hit = verdicts.find((v) => v.attack)!;
    expect(hit.index).toBe(14);
    expect(hit.classes).toEqual(['enumeration']);
    expect(hit.rules).toEqual(['behaviour.enumeration.sequential']);
    expect(hit.actor).toBe('sub:walker');
    expect(verdicts.filter((v) => v.attack).length).toBe(1);
  });

  it('adds risk to the actor and flags it above the threshold', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 25; k++) traffic.push(req({ time: T0 + k * 1_000, ip: '203.0.113.6', path: `/api/orders/${100 + k}`, status: 404, sub: 'walker' }));
    const { detector } = run(traffic);
    // sequential (40) + not-found (40), capped at 100
    expect(detector.riskOf('sub:walker')).toBeCloseTo(80, 0); // decayed a little since the first
    const view = detector.actors()[0]!;
    expect(view.key).toBe('sub:walker');
    expect(view.classes).toEqual(['enumeration']);
    expect(detector.timeline('sub:walker').map((e) => e.rule)).toEqual(['behaviour.enumeration.sequential', 'behaviour.enumeration.not-found']);
  });
});

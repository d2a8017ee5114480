import { describe, expect, it } from 'vitest';
import type { ActorView, Detection } from '../core/index.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createThreatRecorder } from './threat-recorder.js';

const view = (key: string, requests: number, detections: number, riskAt: number): ActorView => ({
  key,
  kind: 'ip',
  firstSeen: 1_000,
  lastSeen: riskAt,
  requests,
  attacks: 0,
  detections,
  risk: 40,
  riskAt,
  peakRisk: 40,
  classes: ['credential-stuffing'],
});

describe('createThreatRecorder', () => {
  it('saves the increase of cumulative actor views, not the totals again', () => {
    const store = openSqliteStore(':memory:');
    const rec = createThreatRecorder(store);
    rec.record([], [view('ip:203.0.113.7', 10, 1, 2_000)]);
    rec.record([], [view('ip:203.0.113.7', 25, 2, 3_000)]);
    rec.record([], [view('ip:203.0.113.7', 30, 2, 4_000)]);
    const a = store.getActor('ip:203.0.113.7');
    expect(a?.requests).toBe(30);
    expect(a?.detections).toBe(2);
    expect(a?.lastSeen).toBe(4_000);
    store.close();
  });

  it('stores the detections it is given', () => {
    const store = openSqliteStore(':memory:');
    const rec = createThreatRecorder(store);
    const d: Detection = {
      id: 'd1',
      rule: 'behaviour.brute-force',
      detector: 'brute-force',
      class: 'brute-force',
      severity: 'high',
      time: 5_000,
      index: -1,
      actor: 'ip:203.0.113.9',
      message: 'brute force on one account',
      score: 30,
      evidence: { requests: [], counters: { failures: 20 } },
    };
    rec.record([d], [view('ip:203.0.113.9', 21, 1, 5_000)]);
    expect(store.listDetections({}).map((x) => x.id)).toEqual(['d1']);
    store.close();
  });
});

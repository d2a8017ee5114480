import { describe, expect, it } from 'vitest';
import { ActorTable } from './actor-table.js';
import { decayRisk } from './risk.js';

const T = 1_700_000_000_000;

describe('ActorTable', () => {
  it('expires idle actors, but keeps a risky one until its risk has decayed', () => {
    const table = new ActorTable({ idleMs: 60_000, halfLifeMs: 60_000 });
    table.touch('ip:192.0.2.1', T);
    const risky = table.touch('ip:192.0.2.2', T);
    table.addRisk(risky, 80, T);
    table.expire(T + 59_000);
    expect(table.size).toBe(2);
    table.expire(T + 61_000);
    expect([...table.values()].map((r) => r.key)).toEqual(['ip:192.0.2.2']);
    // 80 halves every minute: under the floor of 1 after ~6.4 minutes
    table.expire(T + 7 * 60_000);
    expect(table.size).toBe(0);
    expect(table.stats().expired).toBe(2);
  });

  it('expires a little on every touch (no sweep needed)', () => {
    const table = new ActorTable({ idleMs: 1_000 });
    for (let i = 0; i < 10; i++) table.touch(`ip:192.0.2.${i}`, T);
    for (let i = 0; i < 10; i++) table.touch(`ip:198.51.100.${i}`, T + 5_000);
    expect(table.size).toBe(10);
  });

  it('stays at its cap under a flood of distinct actors, evicting the least recently seen', () => {
    const table = new ActorTable({ maxActors: 1_000 });
    const keep = table.touch('sub:regular', T);
    for (let i = 0; i < 50_000; i++) {
      table.touch(`ip:10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, T + i);
      if (i % 100 === 0) table.touch('sub:regular', T + i);
    }
    expect(table.size).toBe(1_000);
    expect(table.stats().evicted).toBe(49_001);
    expect(table.get('sub:regular')).toBe(keep);
    expect(table.get('ip:10.0.0.0')).toBeUndefined();
  });

  it('decays risk with its half-life and caps it at 100', () => {
    const table = new ActorTable({ halfLifeMs: 10_000 });
    const r = table.touch('ip:192.0.2.9', T);
    table.addRisk(r, 60, T);
    expect(table.riskOf('ip:192.0.2.9', T + 10_000)).toBeCloseTo(30, 6);
    table.addRisk(r, 90, T + 10_000);
    expect(table.riskOf('ip:192.0.2.9', T + 10_000)).toBe(100);
    expect(table.view(r, T + 20_000).risk).toBe(50);
    expect(table.view(r, T + 20_000).peakRisk).toBe(100);
    expect(decayRisk(40, T, T - 5, 1_000)).toBe(40);
  });

  it('keeps at most timelineLimit entries, the latest', () => {
    const table = new ActorTable({ timelineLimit: 3 });
    const r = table.touch('ip:192.0.2.10', T);
    for (let i = 0; i < 5; i++) table.note(r, i % 2 ? 'bot' : 'sqli', { time: T + i, kind: 'detection', class: 'x', rule: `r${i}`, message: '', score: 1 });
    expect(r.timeline.map((e) => e.rule)).toEqual(['r2', 'r3', 'r4']);
    expect(r.classes).toEqual(['bot', 'sqli']);
  });

  it('refuses bad options with the key named', () => {
    expect(() => new ActorTable({ maxActors: 0 })).toThrow(/maxActors/);
    expect(() => new ActorTable({ idleMs: -1 })).toThrow(/idleMs/);
  });
});

import { describe, expect, it } from 'vitest';
import { T0, ipOf, ofClass, req, run } from '../../../test/support/behaviour-traffic.js';
import type { Exchange } from '../../core/index.js';

/** `actors` shoppers reading products over `minutes`, `each` requests apiece, interleaved in time. */
function shoppers(actors: number, each: number, minutes: number, first = 0): Exchange[] {
  const out: Exchange[] = [];
  const span = minutes * 60_000;
  for (let a = 0; a < actors; a++) {
    for (let k = 0; k < each; k++) {
      const t = T0 + Math.floor(((k + a / actors) * span) / each);
      out.push(req({ time: t, ip: ipOf(first + a * 300, 10), path: `/api/products/${1 + ((a * 131 + k * 17) % 5_000)}`, status: 200, response: { id: k } }));
    }
  }
  return out;
}

describe('scraping and volumetric abuse', () => {
  it('fires on one actor reading the catalogue far above the population mean, with the rate counters', () => {
    const traffic = shoppers(30, 5, 5);
    for (let k = 0; k < 250; k++) traffic.push(req({ time: T0 + k * 1_000, ip: '203.0.113.30', path: `/api/products/${k + 1}`, status: 200, response: { id: k } }));
    const { detections } = run(traffic);
    const sc = ofClass(detections, 'scraping');
    expect(sc.length).toBeGreaterThanOrEqual(1);
    expect(new Set(sc.map((d) => d.actor))).toEqual(new Set(['ip:203.0.113.30']));
    const d = sc[0]!;
    expect(d.rule).toBe('behaviour.scraping.endpoint');
    expect(d.evidence.counters.requests).toBeGreaterThanOrEqual(150);
    expect(d.evidence.counters.activeActors).toBeGreaterThanOrEqual(20);
    expect(d.evidence.counters.targetChangeRatio).toBe(1);
    expect(d.evidence.counters.readRatio).toBe(1);
    expect(d.evidence.requests.length).toBe(5);
  });

  it('calls hammering one target volumetric, not scraping', () => {
    const traffic = shoppers(30, 5, 5);
    for (let k = 0; k < 250; k++) traffic.push(req({ time: T0 + k * 1_000, ip: '203.0.113.31', path: '/api/products/42', status: 200 }));
    const { detections } = run(traffic);
    const vol = ofClass(detections, 'volumetric');
    expect(vol.map((d) => d.actor)).toContain('ip:203.0.113.31');
    expect(ofClass(detections, 'scraping')).toEqual([]);
  });

  it('does not fire on the same total volume spread over the population', () => {
    // 31 shoppers, 13 requests each: about the 400 requests of the scenario above, nobody far above the mean
    const traffic = shoppers(31, 13, 5);
    const { detections } = run(traffic);
    expect(ofClass(detections, 'scraping')).toEqual([]);
    expect(ofClass(detections, 'volumetric')).toEqual([]);
  });

  it('skips exchanges without a time (rates need a clock)', () => {
    const traffic: Exchange[] = [];
    for (let k = 0; k < 2_000; k++) traffic.push(req({ time: 0, ip: '203.0.113.32', path: `/api/products/${k + 1}`, status: 200 }));
    const { detections } = run(traffic, { now: () => T0 });
    expect(ofClass(detections, 'scraping')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { T0, ofClass, req, run, type Client } from '../../../test/support/behaviour-traffic.js';
import type { Exchange } from '../../core/index.js';

function visits(client: Client, ip: string, n: number, step: (k: number) => number, extra: Partial<Parameters<typeof req>[0]> = {}): Exchange[] {
  const out: Exchange[] = [];
  let t = T0;
  for (let k = 0; k < n; k++) out.push(req({ time: (t += step(k)), ip, client, path: `/api/products/${100 + ((k * 37) % 900)}`, status: 200, ...extra }));
  return out;
}

const irregular = (k: number) => 1_500 + ((k * 7_919) % 13) * 1_100;

describe('bots', () => {
  it('fires on an automation library polling at machine-regular intervals, naming the signals and counters', () => {
    const { detections } = run(visits('python', '203.0.113.40', 30, (k) => 5_000 + (k % 2) * 40));
    const b = ofClass(detections, 'bot');
    expect(b.map((d) => d.actor)).toEqual(['ip:203.0.113.40']);
    expect(b[0]!.evidence.facts?.signals).toBe('automation-library, regular-timing');
    expect(b[0]!.evidence.counters.score).toBe(7);
    expect(b[0]!.evidence.counters.intervals).toBe(22);
    // 20 intervals are needed (minIntervals); past 20 requests an actor is re-judged every n/8 requests: at 23
    expect(b[0]!.index).toBe(22);
  });

  it('does not fire on an automation library alone with irregular timing (score 4, threshold 5: scripts people run)', () => {
    expect(ofClass(run(visits('python', '203.0.113.44', 30, irregular)).detections, 'bot')).toEqual([]);
  });

  it('fires on a headless browser', () => {
    const b = ofClass(run(visits('headless', '203.0.113.41', 10, irregular)).detections, 'bot');
    expect(b[0]?.evidence.facts?.signals).toContain('headless-browser');
  });

  it('fires on a browser User-Agent with a script\'s headers and machine-regular timing', () => {
    const spoofed = visits('python', '203.0.113.42', 30, () => 5_000, {
      // the UA claims Chrome, the header set and order are a library's
      extraHeaders: [],
    }).map((e) => ({
      ...e,
      request: { ...e.request, headers: e.request.headers.map(([n, v]) => [n, n === 'user-agent' ? 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' : v] as const) },
    }));
    const b = ofClass(run(spoofed).detections, 'bot');
    expect(b.length).toBe(1);
    const signals = b[0]!.evidence.facts?.signals ?? '';
    expect(signals).toContain('browser-headers-missing');
    expect(signals).toContain('no-sec-fetch');
    expect(signals).toContain('header-order');
  });

  it('does not fire on browsers and apps with the same volume, nor on API-key integrations or declared crawlers', () => {
    const traffic = [
      ...visits('chrome', '192.0.2.40', 30, irregular),
      ...visits('firefox', '192.0.2.41', 30, irregular),
      ...visits('app', '192.0.2.42', 30, irregular),
      ...visits('python', '192.0.2.43', 30, () => 5_000, { apiKey: 'sk_live_integration_1' }),
    ];
    expect(ofClass(run(traffic).detections, 'bot')).toEqual([]);
  });

  it('reads header signals only when the source records every header', () => {
    const spoofed = visits('python', '203.0.113.43', 10, irregular).map((e) => ({
      ...e,
      request: { ...e.request, headers: e.request.headers.map(([n, v]) => [n, n === 'user-agent' ? 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' : v] as const) },
      source: { kind: 'access-log' as const },
    }));
    expect(ofClass(run(spoofed as Exchange[]).detections, 'bot')).toEqual([]);
  });
});

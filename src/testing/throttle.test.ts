import { describe, expect, it } from 'vitest';
import { createThrottle, parseRate, parseRetryAfter, type Clock } from './throttle.js';

function fakeClock(): Clock & { slept: number[] } {
  let t = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => {
      slept.push(Math.round(ms));
      t += ms;
    },
  };
}

describe('self-throttling', () => {
  it('parses Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3)', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('parses --rate-limit values', () => {
    expect(['10', '10/s', '600/m', '2.5/s', '0', 'fast', '5/h'].map(parseRate)).toEqual([10, 10, 10, 2.5, undefined, undefined, undefined]);
  });

  it('lets a burst of one second through, then spaces requests at the rate', async () => {
    const clock = fakeClock();
    const t = createThrottle(4, clock);
    for (let i = 0; i < 8; i++) await t.take();
    expect(clock.slept).toHaveLength(4);
    for (const s of clock.slept) expect(s).toBe(250);
  });

  it('does nothing without a rate', async () => {
    const clock = fakeClock();
    const t = createThrottle(undefined, clock);
    for (let i = 0; i < 100; i++) await t.take();
    expect(clock.slept).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { createRequestLimiter, DeadlineError } from './request-limiter.js';
import { createTokenBucket } from './token-bucket.js';

describe('token bucket', () => {
  it('spaces reservations at the rate once the burst is spent, and refills over time', () => {
    let t = 0;
    const b = createTokenBucket({ rate: 10, capacity: 2, now: () => t });
    expect([b.reserve(), b.reserve(), b.reserve(), b.reserve()]).toEqual([0, 0, 100, 200]);
    t = 1_000;
    // 1 s refills 10 tokens but the debt of 2 is repaid first and the capacity caps the rest
    expect([b.reserve(), b.reserve(), b.reserve()]).toEqual([0, 0, 100]);
  });

  it('rejects a rate that is not positive', () => {
    expect(() => createTokenBucket({ rate: 0, now: () => 0 })).toThrow(RangeError);
  });
});

describe('request limiter', () => {
  it('bounds concurrency, sleeps for the rate, and stops at the deadline', async () => {
    let t = 0;
    const slept: number[] = [];
    const limiter = createRequestLimiter({ concurrency: 2, rate: 5, deadline: 10_000, now: () => t, sleep: async (ms) => void slept.push(ms) });
    let active = 0;
    let peak = 0;
    const job = async (): Promise<number> => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return 1;
    };
    const results = await Promise.all(Array.from({ length: 6 }, () => limiter.run(job)));
    expect(results).toEqual([1, 1, 1, 1, 1, 1]);
    expect(peak).toBe(2);
    expect(limiter.started).toBe(6);
    expect(slept).toEqual([200, 400, 600, 800]);
    t = 10_000;
    expect(limiter.expired()).toBe(true);
    await expect(limiter.run(job)).rejects.toBeInstanceOf(DeadlineError);
  });
});

import { describe, expect, it } from 'vitest';
import { createRandom } from './seeded-random.js';

describe('createRandom', () => {
  it('gives the same sequence for the same seed, in [0, 1)', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs[0]).toBeCloseTo(0.6011037519201636, 15);
  });
  it('differs between seeds and spreads over the interval', () => {
    const xs = Array.from({ length: 10_000 }, createRandom(1));
    const ys = Array.from({ length: 10_000 }, createRandom(2));
    expect(xs.slice(0, 5)).not.toEqual(ys.slice(0, 5));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });
});

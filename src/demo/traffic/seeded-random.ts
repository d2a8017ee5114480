/**
 * The traffic plan's random choices, on the project's one seeded PRNG (`createRandom` in core, mulberry32): the
 * same seed gives the same plan, so the demo and the shipped sample file are reproducible. Not for secrets.
 */
import { createRandom } from '../../core/index.js';

export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** An exponentially distributed delay with this mean (ms), for human think times. */
  exponential(mean: number): number;
}

export function createSeededRandom(seed: number): SeededRandom {
  const next = createRandom(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (p) => next() < p,
    exponential: (mean) => Math.round(-Math.log(1 - next()) * mean),
  };
}

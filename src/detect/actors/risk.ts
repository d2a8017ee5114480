/**
 * Risk scores decay exponentially: a score `r` set at time `t` is worth `r · 2^(-(now - t) / halfLife)` later.
 * Adding points adds to the decayed value, capped at 100.
 */

export const MAX_RISK = 100;

/** The value at `now` of a risk `value` set at `at`. */
export function decayRisk(value: number, at: number, now: number, halfLifeMs: number): number {
  if (value <= 0) return 0;
  const dt = now - at;
  if (dt <= 0) return value;
  return value * Math.pow(2, -dt / halfLifeMs);
}

/** The risk after adding `points` at `now` (capped at 100). */
export function addRisk(value: number, at: number, now: number, points: number, halfLifeMs: number): number {
  return Math.min(MAX_RISK, decayRisk(value, at, now, halfLifeMs) + points);
}

import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseRatePerSecond } from './units.js';

describe('parseDurationMs', () => {
  it('reads every unit and bare seconds', () => {
    expect(['250ms', '90s', '15m', '1h', '2', '1.5s', ' 3 s '].map(parseDurationMs)).toEqual([250, 90_000, 900_000, 3_600_000, 2_000, 1_500, 3_000]);
  });
  it('refuses what is not a duration', () => {
    expect(['soon', '', '-1s', '5d', '1e3', '10 minutes'].map(parseDurationMs)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('parseRatePerSecond', () => {
  it('reads per-second and per-minute rates', () => {
    expect(['10', '10/s', '600/m', '2.5/s', '30/min', '5 / sec'].map(parseRatePerSecond)).toEqual([10, 10, 10, 2.5, 0.5, 5]);
  });
  it('refuses zero, unknown units and words', () => {
    expect(['0', '0/s', '5/h', 'fast', ''].map(parseRatePerSecond)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseSince } from './threats.js';

describe('threats --since', () => {
  const now = Date.UTC(2024, 4, 8, 12, 0, 0);
  it('reads dates, date-times with a zone, and durations back from now', () => {
    expect(parseSince('2024-05-01', now)).toBe(Date.UTC(2024, 4, 1));
    expect(parseSince('2024-05-01T10:00:00Z', now)).toBe(Date.UTC(2024, 4, 1, 10));
    expect(parseSince('2024-05-01T10:00:00+02:00', now)).toBe(Date.UTC(2024, 4, 1, 8));
    expect(parseSince('30m', now)).toBe(now - 30 * 60_000);
    expect(parseSince('24h', now)).toBe(now - 86_400_000);
    expect(parseSince('7d', now)).toBe(now - 7 * 86_400_000);
  });
  it('refuses anything else with E_USAGE naming the flag', () => {
    for (const bad of ['yesterday', '2024-05-01T10:00:00', '5', '-1d']) expect(() => parseSince(bad, now)).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('--since') }));
  });
});

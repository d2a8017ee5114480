import { describe, expect, it } from 'vitest';
import { parseClfTime, parseIsoTime } from './log-time.js';

describe('access-log timestamps', () => {
  it.each([
    ['17/May/2015:10:05:03 +0000', Date.UTC(2015, 4, 17, 10, 5, 3)],
    ['10/Oct/2000:13:55:36 -0700', Date.UTC(2000, 9, 10, 20, 55, 36)],
    ['01/Jan/2024:00:30:00 +0530', Date.UTC(2023, 11, 31, 19, 0, 0)],
    ['29/Feb/2024:23:59:59.123 +0000', Date.UTC(2024, 1, 29, 23, 59, 59, 123)],
  ])('reads the common log format %s', (s, ms) => {
    expect(parseClfTime(s)).toBe(ms);
  });

  it.each(['17/May/2015:10:05:03', '17/Mai/2015:10:05:03 +0000', '7/May/2015:10:05:03 +0000', '17/May/2015:25:05:03 +0000', '17/May/2015:10:05:03 0000', 'xx/May/2015:10:05:03 +0000', ''])(
    'refuses %j',
    (s) => {
      expect(parseClfTime(s)).toBeNaN();
    },
  );

  it.each([
    ['2016-04-15T20:17:00.310Z', Date.UTC(2016, 3, 15, 20, 17, 0, 310)],
    ['2016-04-15T20:17:00+02:00', Date.UTC(2016, 3, 15, 18, 17, 0)],
    ['2016-04-15T20:17:00.310-0100', Date.UTC(2016, 3, 15, 21, 17, 0, 310)],
  ])('reads ISO-8601 %s', (s, ms) => {
    expect(parseIsoTime(s)).toBe(ms);
  });

  it('reads consecutive times of the same day and of the next one', () => {
    expect(parseIsoTime('2016-04-15T00:00:00.000Z')).toBe(Date.UTC(2016, 3, 15));
    expect(parseIsoTime('2016-04-15T23:59:59.999Z')).toBe(Date.UTC(2016, 3, 15, 23, 59, 59, 999));
    expect(parseIsoTime('2016-04-16T00:00:00.001Z')).toBe(Date.UTC(2016, 3, 16, 0, 0, 0, 1));
    expect(parseIsoTime('2016-13-16T00:00:00.001Z')).toBeNaN();
    expect(parseIsoTime('2016-04-16T24:00:00.001Z')).toBeNaN();
  });

  it.each(['2016-04-15T20:17:00.310', '2016-04-15 20:17:00Z', 'yesterday', '2016-04-15'])('refuses ISO-8601 without a zone or time: %j', (s) => {
    expect(parseIsoTime(s)).toBeNaN();
  });
});

/**
 * Access-log timestamps -> epoch milliseconds: the common log format `17/May/2015:10:05:03 +0000` and Envoy's
 * ISO-8601 `2016-04-15T20:17:00.310Z`. Fixed-position parsing; NaN for anything malformed.
 */

const MONTHS = new Map([
  ['Jan', 0],
  ['Feb', 1],
  ['Mar', 2],
  ['Apr', 3],
  ['May', 4],
  ['Jun', 5],
  ['Jul', 6],
  ['Aug', 7],
  ['Sep', 8],
  ['Oct', 9],
  ['Nov', 10],
  ['Dec', 11],
]);

function digits(s: string, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (!(c >= 0 && c <= 9)) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/** `dd/Mon/yyyy:HH:MM:SS ±hhmm` (Apache `%t`, nginx `$time_local`; optional `.mmm` milliseconds) -> epoch ms. */
export function parseClfTime(s: string): number {
  // 0         1         2
  // 012345678901234567890123456
  // 17/May/2015:10:05:03 +0000
  if (s.length < 26 || s.charCodeAt(2) !== 0x2f || s.charCodeAt(6) !== 0x2f || s.charCodeAt(11) !== 0x3a) return NaN;
  const day = digits(s, 0, 2);
  const month = MONTHS.get(s.slice(3, 6));
  const year = digits(s, 7, 4);
  const hour = digits(s, 12, 2);
  const minute = digits(s, 15, 2);
  const second = digits(s, 18, 2);
  let p = 20;
  let ms = 0;
  if (s.charCodeAt(p) === 0x2e) {
    ms = digits(s, p + 1, 3);
    p += 4;
  }
  if (s.charCodeAt(p) !== 0x20 || s.length !== p + 6) return NaN;
  const sign = s.charCodeAt(p + 1) === 0x2d ? -1 : s.charCodeAt(p + 1) === 0x2b ? 1 : NaN;
  const offset = sign * (digits(s, p + 2, 2) * 60 + digits(s, p + 4, 2));
  if (month === undefined || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
  return Date.UTC(year, month, day, hour, minute, second, ms) - offset * 60_000;
}

let lastDayText = '';
let lastDayStart = NaN;

/** An ISO-8601 date-time with a zone (`Z`, `±hh:mm` or `±hhmm`) -> epoch ms; NaN otherwise. */
export function parseIsoTime(s: string): number {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(10) !== 0x54 /* T */) return NaN;
  // fast path for Envoy's default `YYYY-MM-DDTHH:MM:SS.mmmZ`
  if (n === 24 && s.charCodeAt(23) === 0x5a && s.charCodeAt(19) === 0x2e && s.charCodeAt(7) === 0x2d && s.charCodeAt(13) === 0x3a && s.charCodeAt(16) === 0x3a) {
    const hour = digits(s, 11, 2);
    const minute = digits(s, 14, 2);
    const second = digits(s, 17, 2);
    const ms = digits(s, 20, 3);
    if (!(hour <= 23 && minute <= 59 && second <= 60)) return NaN;
    // consecutive lines share the day: its start is computed once
    const dayText = s.slice(0, 10);
    if (dayText !== lastDayText) {
      const year = digits(s, 0, 4);
      const month = digits(s, 5, 2);
      const day = digits(s, 8, 2);
      if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
      lastDayText = dayText;
      lastDayStart = Date.UTC(year, month - 1, day);
    }
    return lastDayStart + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  }
  // a date-time without a zone would be read in the local time zone: refuse it
  const zoned = s.charCodeAt(n - 1) === 0x5a || isSign(s.charCodeAt(n - 6)) || isSign(s.charCodeAt(n - 5));
  return zoned ? Date.parse(s) : NaN;
}

function isSign(c: number): boolean {
  return c === 0x2b || c === 0x2d;
}

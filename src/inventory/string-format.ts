/**
 * JSON Schema `format`s recognised in string values seen in traffic (path segments, query values, JSON leaves).
 * Every check is a bounded character scan or an anchored regex without nested quantifiers (linear time), with a
 * cheap length/first-character pre-filter so ordinary values cost a few comparisons.
 */

/** Formats the inventory infers (JSON Schema 2020-12 / OpenAPI 3.1 names). */
export type StringFormat = 'uuid' | 'email' | 'date' | 'date-time' | 'ipv4' | 'ipv6' | 'uri';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})?$/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+=?^_`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s/?#]+[^\s]*$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for `YYYY-MM-DD` with a plausible month and day. */
export function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) if (!isDigit(s.charCodeAt(i))) return false;
  return plausibleMonthDay(Number(s.slice(5, 7)), Number(s.slice(8, 10)));
}

/** True for a compact `YYYYMMDD` date between 1900 and 2099. */
export function isCompactDate(s: string): boolean {
  if (s.length !== 8) return false;
  for (let i = 0; i < 8; i++) if (!isDigit(s.charCodeAt(i))) return false;
  const century = s.slice(0, 2);
  if (century !== '19' && century !== '20') return false;
  return plausibleMonthDay(Number(s.slice(4, 6)), Number(s.slice(6, 8)));
}

function plausibleMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

export function isDateTime(s: string): boolean {
  return s.length >= 16 && s.length <= 40 && isDigit(s.charCodeAt(0)) && DATE_TIME.test(s) && isIsoDate(s.slice(0, 10));
}

export function isUuid(s: string): boolean {
  return s.length === 36 && s.charCodeAt(8) === 45 && UUID.test(s);
}

export function isEmail(s: string): boolean {
  return s.length >= 6 && s.length <= 254 && s.indexOf('@') > 0 && EMAIL.test(s);
}

export function isIpv4(s: string): boolean {
  if (s.length < 7 || s.length > 15) return false;
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3 || (p.length > 1 && p.charCodeAt(0) === 48)) return false;
    for (let i = 0; i < p.length; i++) if (!isDigit(p.charCodeAt(i))) return false;
    if (Number(p) > 255) return false;
  }
  return true;
}

export function isIpv6(s: string): boolean {
  if (s.length < 2 || s.length > 45 || s.indexOf(':') === -1 || !IPV6.test(s)) return false;
  const dbl = s.indexOf('::');
  if (dbl !== -1 && s.indexOf('::', dbl + 1) !== -1) return false;
  const groups = s.split(':');
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as string;
    if (g === '') continue;
    if (g.indexOf('.') !== -1) {
      if (i !== groups.length - 1 || !isIpv4(g)) return false;
      count += 2;
      continue;
    }
    if (g.length > 4 || g.indexOf('.') !== -1) return false;
    count++;
  }
  return dbl === -1 ? count === 8 : count < 8;
}

export function isUri(s: string): boolean {
  return s.length >= 8 && s.length <= 2048 && s.indexOf('://') !== -1 && URI.test(s);
}

/** The format of a string value, or undefined. Ordered from the most to the least specific. */
export function detectStringFormat(s: string): StringFormat | undefined {
  const n = s.length;
  if (n < 2 || n > 2048) return undefined;
  const c0 = s.charCodeAt(0);
  if (isDigit(c0)) {
    if (n === 10 && isIsoDate(s)) return 'date';
    if (n >= 16 && isDateTime(s)) return 'date-time';
    if (n === 36 && isUuid(s)) return 'uuid';
    if (n <= 15 && isIpv4(s)) return 'ipv4';
  } else if (n === 36 && isUuid(s)) {
    return 'uuid';
  }
  if (s.indexOf('@') > 0 && isEmail(s)) return 'email';
  if (s.indexOf(':') !== -1) {
    if (isUri(s)) return 'uri';
    if (isIpv6(s)) return 'ipv6';
  }
  return undefined;
}

/**
 * US Social Security numbers: `AAA-GG-SSSS` anywhere, and 9 digits (plain or space-separated) only in a field
 * named like one (`ssn`, `social_security_number`). Numbers the SSA never issues are excluded: area 000, 666 and
 * 900–999 (which also covers the 987-65-4320…4329 advertising block), group 00, serial 0000, and the numbers
 * made public by misuse (078-05-1120 from the Woolworth wallet insert, 219-09-9999 from an SSA pamphlet,
 * 457-55-5462 from an advertising campaign).
 */
import type { Classifier } from './classifier.js';
import { HINT_PHONE, HINT_SSN, nameHints } from './name-hints.js';

const PUBLICISED = new Set([78051120, 219099999, 457555462]);

/** True when the 9 digits `area`, `group`, `serial` form an SSN the SSA could have issued. */
export function isIssuableSsn(area: number, group: number, serial: number): boolean {
  if (area === 0 || area === 666 || area >= 900) return false;
  if (group === 0 || serial === 0) return false;
  return !PUBLICISED.has(area * 1_000_000 + group * 10_000 + serial);
}

function digitsAt(v: string, start: number, count: number): number {
  let x = 0;
  for (let i = start; i < start + count; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    x = x * 10 + (c - 48);
  }
  return x;
}

/** True when `v.slice(start, end)` is an SSN given the name hints of its field. */
export function isSsnAt(v: string, start: number, end: number, hints: number): boolean {
  const n = end - start;
  let area: number;
  let group: number;
  let serial: number;
  if (n === 11) {
    const s1 = v.charCodeAt(start + 3);
    const s2 = v.charCodeAt(start + 6);
    if (s1 !== s2 || (s1 !== 45 && s1 !== 32)) return false;
    if (s1 === 32 && !(hints & HINT_SSN)) return false;
    if (hints & HINT_PHONE) return false;
    area = digitsAt(v, start, 3);
    group = digitsAt(v, start + 4, 2);
    serial = digitsAt(v, start + 7, 4);
  } else if (n === 9) {
    if (!(hints & HINT_SSN)) return false;
    area = digitsAt(v, start, 3);
    group = digitsAt(v, start + 3, 2);
    serial = digitsAt(v, start + 5, 4);
  } else {
    return false;
  }
  if (area < 0 || group < 0 || serial < 0) return false;
  return isIssuableSsn(area, group, serial);
}

export const usSsn: Classifier = {
  type: 'us-ssn',
  gate: { minLength: 9, maxLength: 11, firstChars: '012345678' },
  test(value, ctx) {
    const n = value.length;
    if (n !== 11 && n !== 9) return false;
    const c0 = value.charCodeAt(0);
    if (c0 < 48 || c0 > 56) return false; // areas 9xx are never issued
    return isSsnAt(value, 0, n, nameHints(ctx.name));
  },
  vectors: {
    match: [
      '123-45-6789',
      '536-22-1234',
      '001-01-0001',
      '899-99-9999',
      { value: '536221234', ctx: { name: 'ssn' } },
      { value: '536 22 1234', ctx: { name: 'social_security_number' } },
      { value: '536-22-1234', ctx: { location: 'query', name: 'taxpayer' } },
    ],
    noMatch: [
      '000-12-3456',
      '666-12-3456',
      '900-12-3456',
      '987-65-4321',
      '123-00-4567',
      '123-45-0000',
      '078-05-1120',
      '219-09-9999',
      '457-55-5462',
      '536221234',
      '536 22 1234',
      '536-22-12345',
      '5362-2-1234',
      '536-221-234',
      '2024-01-15',
      { value: '536-22-1234', ctx: { name: 'phone' } },
      { value: '000000000', ctx: { name: 'ssn' } },
    ],
  },
};

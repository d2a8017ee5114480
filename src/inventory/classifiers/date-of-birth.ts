/**
 * Dates of birth: a full calendar date (day, month and year) in a field named like a birth date (`dob`,
 * `birthDate`, `date_of_birth`, `birthday`, `born`; also `geburtsdatum`, `fecha_nacimiento`, `date_naissance`,
 * `data_nascita`), with a year from 1900 to the current year. Formats: ISO 8601 `1985-03-14` (also with a
 * midnight time part), `1985/03/14`, `19850314`, `14/03/1985`, `03/14/1985`, `14.03.1985`, `14-03-1985`, and
 * English month names (`14 March 1985`, `March 14, 1985`, `14-Mar-1985`). Dates elsewhere (`created_at`,
 * `expires`) are not birth dates, and a year or month alone is not a date.
 */
import type { Classifier } from './classifier.js';
import { HINT_DOB, nameHints } from './name-hints.js';

/** Earliest plausible birth year. */
export const DOB_MIN_YEAR = 1900;
/** Latest plausible birth year: the current UTC year when this module was loaded. */
export const DOB_MAX_YEAR = new Date().getUTCFullYear();

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isValidDate(y: number, m: number, d: number): boolean {
  if (y < DOB_MIN_YEAR || y > DOB_MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] as number);
}

function num(v: string, start: number, len: number): number {
  let x = 0;
  for (let i = start; i < start + len; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    x = x * 10 + (c - 48);
  }
  return x;
}

function monthIndex(word: string): number {
  const w = word.toLowerCase();
  if (w.length < 3) return 0;
  const i = MONTHS.indexOf(w.slice(0, 3));
  if (i === -1) return 0;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i] as string;
  return w.length === 3 || full === w || (w === 'sept' && i === 8) ? i + 1 : 0;
}

/** True when `v` is a full calendar date with a plausible birth year (no context). */
export function isBirthDateShape(value: string): boolean {
  let v = value.trim();
  let n = v.length;
  if (n < 8 || n > 32) return false;
  const c0 = v.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    // ISO date, optionally with a time part: keep the date
    if (n > 10 && (v[10] === 'T' || v[10] === ' ') && v[4] === '-') {
      v = v.slice(0, 10);
      n = 10;
    }
    if (n === 8) return isValidDate(num(v, 0, 4), num(v, 4, 2), num(v, 6, 2));
    if (n === 10) {
      const s4 = v[4];
      if ((s4 === '-' || s4 === '/') && v[7] === s4) return isValidDate(num(v, 0, 4), num(v, 5, 2), num(v, 8, 2));
      const s2 = v[2];
      if ((s2 === '/' || s2 === '.' || s2 === '-') && v[5] === s2) {
        const a = num(v, 0, 2);
        const b = num(v, 3, 2);
        const y = num(v, 6, 4);
        return isValidDate(y, b, a) || isValidDate(y, a, b);
      }
    }
  }
  // month names: `14 March 1985`, `14-Mar-1985`, `March 14, 1985`
  const parts = v.split(/[\s,.-]+/);
  if (parts.length !== 3) return false;
  const [p0, p1, p2] = parts as [string, string, string];
  const y = p2.length === 4 ? num(p2, 0, 4) : -1;
  let m = monthIndex(p1);
  if (m && p0.length <= 2) return isValidDate(y, m, num(p0, 0, p0.length));
  m = monthIndex(p0);
  if (m && p1.length <= 2) return isValidDate(y, m, num(p1, 0, p1.length));
  return false;
}

export const dateOfBirth: Classifier = {
  type: 'date-of-birth',
  gate: { minLength: 8, maxLength: 32, requiresHints: HINT_DOB },
  test(value, ctx) {
    const n = value.length;
    if (n < 8 || n > 32) return false;
    if (!(nameHints(ctx.name) & HINT_DOB)) return false;
    return isBirthDateShape(value);
  },
  vectors: {
    match: [
      { value: '1985-03-14', ctx: { name: 'dob' } },
      { value: '1985-03-14T00:00:00.000Z', ctx: { name: 'birthDate' } },
      { value: '14/03/1985', ctx: { name: 'date_of_birth' } },
      { value: '03/14/1985', ctx: { name: 'dateOfBirth' } },
      { value: '14.03.1985', ctx: { name: 'geburtsdatum' } },
      { value: '19850314', ctx: { name: 'birthdate' } },
      { value: '1985/03/14', ctx: { name: 'birthday' } },
      { value: '14 March 1985', ctx: { name: 'born' } },
      { value: 'March 14, 1985', ctx: { name: 'birth_date' } },
      { value: '29-Feb-2000', ctx: { name: 'DOB' } },
      { value: '3 May 1940', ctx: { name: 'dob' } },
    ],
    noMatch: [
      '1985-03-14',
      { value: '2024-06-01', ctx: { name: 'created_at' } },
      { value: '1985', ctx: { name: 'birth_year' } },
      { value: '1985-02-30', ctx: { name: 'dob' } },
      { value: '1899-12-31', ctx: { name: 'dob' } },
      { value: '2999-01-01', ctx: { name: 'dob' } },
      { value: '29-Feb-2001', ctx: { name: 'dob' } },
      { value: '13/13/1985', ctx: { name: 'dob' } },
      { value: 'Paris', ctx: { name: 'place_of_birth' } },
      { value: '1985-03-14', ctx: { name: 'birth_place' } },
      { value: '12345678', ctx: { name: 'dob' } },
      { value: 'not a date', ctx: { name: 'dob' } },
    ],
  },
};

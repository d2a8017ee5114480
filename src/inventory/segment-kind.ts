/**
 * What one path segment looks like, judged from that single observation: a value (an id, a hash, an email, a
 * date, …) that is certainly a path parameter, or a `literal` that may be a static word or a word-like value
 * (the structural learner decides those from many observations, see `path-tree.ts`).
 *
 * All checks are character scans (linear time); none uses backtracking regexes.
 */
import { isCompactDate, isDateTime, isEmail, isIpv4, isIsoDate, isUuid } from './string-format.js';

export type SegmentKind =
  | 'literal'
  | 'integer'
  | 'boolean'
  | 'number'
  | 'uuid'
  | 'hash'
  | 'hex'
  | 'token'
  | 'email'
  | 'date'
  | 'date-time'
  | 'ipv4'
  | 'semver'
  | 'mixed-id';

/** Segments longer than this are values whatever they contain (no API has such static words). */
const LONG_SEGMENT = 48;

const enum Cls {
  Digit,
  Lower,
  Upper,
  Sep,
  Other,
}

function cls(c: number): Cls {
  if (c >= 48 && c <= 57) return Cls.Digit;
  if (c >= 97 && c <= 122) return Cls.Lower;
  if (c >= 65 && c <= 90) return Cls.Upper;
  if (c === 45 || c === 95 || c === 46 || c === 126 || c === 58) return Cls.Sep; // - _ . ~ :
  return Cls.Other;
}

function isHexChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** True for version words that are part of an API's address, never values: `v1`, `v2.1`, `V3`, `1.0`. */
export function isVersionSegment(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 12) return false;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 118 || c0 === 86) {
    // v1, v1.2, v1beta1? (google style: v1beta, v2alpha1)
    i = 1;
    if (n === 1 || !(s.charCodeAt(1) >= 48 && s.charCodeAt(1) <= 57)) return false;
    let j = i;
    while (j < n && ((s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) || s.charCodeAt(j) === 46)) j++;
    if (j === n) return true;
    const rest = s.slice(j);
    return /^(alpha|beta|rc|preview)\d{0,3}$/.test(rest);
  }
  // 1.0, 2.1 (two short numeric parts) read as an API version, not a decimal number
  const dot = s.indexOf('.');
  if (dot < 1 || dot > 2 || n - dot - 1 < 1 || n - dot - 1 > 2) return false;
  for (let k = 0; k < n; k++) if (k !== dot && !(s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57)) return false;
  return true;
}

interface Profile {
  digits: number;
  letters: number;
  upper: number;
  lower: number;
  seps: number;
  other: number;
  /** Changes between letter and digit runs (separators reset the run). */
  transitions: number;
  /** Changes between upper- and lower-case letters (random tokens change often, CamelCase words rarely). */
  caseChanges: number;
  hexOnly: boolean;
}

function profile(s: string): Profile {
  const p: Profile = { digits: 0, letters: 0, upper: 0, lower: 0, seps: 0, other: 0, transitions: 0, caseChanges: 0, hexOnly: true };
  let prev = -1; // 0 digit, 1 letter
  let prevCase = 0; // 1 lower, 2 upper
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = cls(c);
    if (!isHexChar(c)) p.hexOnly = false;
    if (k === Cls.Digit) {
      p.digits++;
      if (prev === 1) p.transitions++;
      prev = 0;
    } else if (k === Cls.Lower || k === Cls.Upper) {
      p.letters++;
      const kc = k === Cls.Upper ? 2 : 1;
      if (kc === 2) p.upper++;
      else p.lower++;
      if (prevCase !== 0 && prevCase !== kc) p.caseChanges++;
      prevCase = kc;
      if (prev === 0) p.transitions++;
      prev = 1;
    } else if (k === Cls.Sep) {
      p.seps++;
      prev = -1;
    } else {
      p.other++;
      prev = -1;
    }
  }
  return p;
}

function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function allLetters(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const k = cls(s.charCodeAt(i));
    if (k !== Cls.Lower && k !== Cls.Upper) return false;
  }
  return true;
}

function isDecimal(s: string): boolean {
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  const dot = s.indexOf('.');
  if (dot <= i || dot === s.length - 1 || s.indexOf('.', dot + 1) !== -1) return false;
  for (; i < s.length; i++) if (i !== dot && !(s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57)) return false;
  return true;
}

function isSemver(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 3) return false;
  return parts.every((p) => p.length > 0 && p.length <= 6 && allDigits(p));
}

/** One separator-delimited part that mixes letters and digits like generated ids do (`8f3k2`, `a1b2c3d4`). */
function isMixedPart(part: string): boolean {
  if (part.length < 5) return false;
  const p = profile(part);
  return p.digits >= 2 && p.letters >= 1 && p.transitions >= 2;
}

/**
 * The kind of one decoded path segment (without matrix parameters). `literal` means "looks like a word":
 * static, or a word-like value only structure can reveal.
 */
export function segmentKind(segment: string): SegmentKind {
  const n = segment.length;
  if (n === 0) return 'literal';
  const c0 = segment.charCodeAt(0);
  const firstIsDigit = c0 >= 48 && c0 <= 57;

  if (firstIsDigit || c0 === 45) {
    if (allDigits(segment)) return isCompactDate(segment) ? 'date' : 'integer';
    if (isIsoDate(segment)) return 'date';
    if (isDateTime(segment)) return 'date-time';
    if (isIpv4(segment)) return 'ipv4';
    if (isVersionSegment(segment)) return 'literal';
    if (isDecimal(segment)) return 'number';
    if (isSemver(segment)) return 'semver';
  }
  if (isVersionSegment(segment)) return 'literal';
  if (segment === 'true' || segment === 'false') return 'boolean';
  if (n === 36 && isUuid(segment)) return 'uuid';
  if (segment.indexOf('@') > 0 && isEmail(segment)) return 'email';

  const p = profile(segment);
  if (p.hexOnly && p.seps === 0) {
    if ((n === 32 || n === 40 || n === 64 || n === 128) && (p.digits > 0 || n >= 40)) return 'hash';
    if (n >= 8 && p.digits > 0 && p.letters > 0) return 'hex';
    if (n >= 16 && p.digits > 0) return 'hex';
  }
  if (n > LONG_SEGMENT && p.letters + p.digits > 0) return 'token';
  // base64 / base64url tokens: long, mixed classes, no word structure
  if (n >= 16 && p.other === 0 && p.digits >= 2 && p.letters >= 2 && p.transitions >= 3) return 'token';
  // short random ids (`jMXUw-BE_2vd`): letter case flips often, unlike words and CamelCase
  if (n >= 10 && p.other === 0 && p.digits > 0 && p.letters >= 4 && p.caseChanges * 4 >= n) return 'token';

  if (p.digits > 0 && p.letters > 0 && p.other === 0) {
    if (n <= 4) return 'literal'; // s3, v2x, k8s, i18n, b2b, 2fa
    // letters-then-long-number ids without separator: ord12345 (but sha256, x509 stay words)
    if (p.transitions === 1 && p.seps === 0) {
      let i = 0;
      while (i < n && cls(segment.charCodeAt(i)) !== Cls.Digit) i++;
      if (i > 0 && i <= 6 && n - i >= 4 && allDigits(segment.slice(i))) return 'mixed-id';
      return 'literal';
    }
    const parts = segment.split(/[-_.~:]/);
    if (parts.some(isMixedPart)) return 'mixed-id';
    if (parts.length >= 2) {
      const hasWord = parts.some(allLetters);
      const hasNumber = parts.some((x) => x.length >= 3 && allDigits(x));
      if (hasWord && hasNumber) return 'mixed-id';
    }
    if (p.seps === 0 && n >= 6 && p.digits >= 2 && p.transitions >= 2) return 'mixed-id';
  }
  return 'literal';
}

/** True for kinds that are path parameters from a single observation. */
export function isValueKind(kind: SegmentKind): boolean {
  return kind !== 'literal';
}

/**
 * Email addresses (RFC 5321/5322 addr-spec, the dot-atom form people and APIs use): a local part of atext
 * characters and dots, one `@`, a domain of at least two LDH labels whose last label (the TLD) is alphabetic or
 * an IDN `xn--` label. Quoted local parts, IP-literal domains and comments are not matched. File names like
 * `logo@2x.png` are not addresses.
 */
import type { Classifier } from './classifier.js';

/** atext of RFC 5322 plus `.` (checked separately for position). */
const LOCAL = new Uint8Array(128);
for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-.") LOCAL[ch.charCodeAt(0)] = 1;

/** File extensions that are not top-level domains (`icon@2x.png`, `chunk@1.js`). */
const NOT_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'css', 'js', 'mjs', 'json', 'map', 'ico', 'txt', 'xml', 'html', 'htm', 'woff', 'woff2', 'ttf', 'mp3', 'mp4', 'avif', 'bmp', 'yaml', 'yml']);

/** True when `domain` (the part after `@`) is a syntactically valid host name with an alphabetic TLD. */
export function isEmailDomain(v: string, start: number, end: number): boolean {
  if (end - start < 4 || end - start > 253) return false;
  let labelStart = start;
  let labels = 0;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 46 : v.charCodeAt(i);
    if (c === 46 /* . */) {
      const len = i - labelStart;
      if (len < 1 || len > 63) return false;
      if (v.charCodeAt(labelStart) === 45 || v.charCodeAt(i - 1) === 45) return false;
      labels++;
      if (i === end) {
        // the TLD: letters only (or an xn-- IDN label), at least 2
        if (len < 2 || labels < 2) return false;
        const isIdn = len > 4 && v.startsWith('xn--', labelStart);
        if (!isIdn) {
          for (let j = labelStart; j < end; j++) {
            const t = v.charCodeAt(j) | 0x20;
            if (t < 97 || t > 122) return false;
          }
          if (NOT_TLDS.has(v.slice(labelStart, end).toLowerCase())) return false;
        }
      }
      labelStart = i + 1;
      continue;
    }
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
    if (!ok) return false;
  }
  return true;
}

/** True when `v.slice(start, end)` is an email address (the shape described in the module comment). */
export function isEmailAt(v: string, start: number, end: number): boolean {
  const n = end - start;
  if (n < 6 || n > 254) return false;
  const at = v.indexOf('@', start);
  if (at <= start || at >= end || at - start > 64) return false;
  if (v.indexOf('@', at + 1) !== -1 && v.indexOf('@', at + 1) < end) return false;
  if (v.charCodeAt(start) === 46 || v.charCodeAt(at - 1) === 46) return false;
  let prevDot = false;
  for (let i = start; i < at; i++) {
    const c = v.charCodeAt(i);
    if (c >= 128 || LOCAL[c] !== 1) return false;
    const dot = c === 46;
    if (dot && prevDot) return false;
    prevDot = dot;
  }
  return isEmailDomain(v, at + 1, end);
}

export const email: Classifier = {
  type: 'email',
  gate: { minLength: 6, maxLength: 254 },
  test(value) {
    const n = value.length;
    if (n < 6 || n > 254) return false;
    if (value.indexOf('@') < 1) return false;
    return isEmailAt(value, 0, n);
  },
  vectors: {
    match: [
      'alice@example.com',
      'bob.smith+newsletter@mail.example.co.uk',
      "o'connor@example.ie",
      'user_42@sub.domain-name.org',
      'x1@xn--bcher-kva.example',
      'a@b.co',
      { value: 'support@company.io', ctx: { location: 'query', name: 'q' } },
    ],
    noMatch: [
      'alice@localhost',
      'alice@@example.com',
      '.alice@example.com',
      'alice.@example.com',
      'al..ice@example.com',
      'alice@-example.com',
      'alice@example.c',
      'alice@example.123',
      'logo@2x.png',
      'lodash@4.17.21',
      '@scope/package',
      'git@github.com:org/repo.git',
      'Alice <alice@example.com>',
      'alice example.com',
      'mailto:',
    ],
  },
};

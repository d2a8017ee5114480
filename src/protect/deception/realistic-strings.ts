/**
 * Strings for fake responses that look like an ordinary API's data (names, e-mails, ids, dates), varied by a
 * seed so two deceived requests do not get byte-identical answers — and never mentioning Rampart, so a deceived
 * client cannot tell it is being deceived from the values alone.
 */
import type { StringSource } from '../../spec/index.js';

const FIRST = ['james', 'maria', 'chen', 'amira', 'lucas', 'sofia', 'noah', 'yuki', 'omar', 'elena', 'david', 'priya'];
const LAST = ['smith', 'garcia', 'wang', 'haddad', 'silva', 'rossi', 'brown', 'tanaka', 'khan', 'novak', 'miller', 'patel'];
const WORDS = ['standard', 'active', 'north', 'classic', 'blue', 'prime', 'basic', 'river', 'summit', 'harbor'];
const CITIES = ['Lisbon', 'Denver', 'Osaka', 'Leeds', 'Lyon', 'Austin', 'Porto', 'Graz'];

/** A small deterministic mixer (splitmix-like), so values vary with the seed but reruns are reproducible. */
function mix(seed: number, salt: number): number {
  let x = (seed * 0x9e3779b1 + salt * 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

const pick = (list: readonly string[], seed: number, salt: number): string => list[mix(seed, salt) % list.length] as string;
const hex = (seed: number, salt: number, n: number): string => {
  let out = '';
  for (let i = 0; out.length < n; i++) out += mix(seed, salt + i).toString(16).padStart(8, '0');
  return out.slice(0, n);
};

function dateTime(seed: number): string {
  // within the two years before 2026-01-01, to the second
  const t = Date.UTC(2024, 0, 1) + (mix(seed, 7) % (2 * 365 * 86_400)) * 1000;
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

export const realisticStrings: StringSource = (name, format, seed) => {
  const first = pick(FIRST, seed, 1);
  const last = pick(LAST, seed, 2);
  switch (format) {
    case 'email':
      return `${first}.${last}@example.com`;
    case 'uuid':
      return `${hex(seed, 10, 8)}-${hex(seed, 11, 4)}-4${hex(seed, 12, 3)}-a${hex(seed, 13, 3)}-${hex(seed, 14, 12)}`;
    case 'date-time':
      return dateTime(seed);
    case 'date':
      return dateTime(seed).slice(0, 10);
    case 'uri':
    case 'url':
      return `https://example.com/${pick(WORDS, seed, 3)}/${mix(seed, 4) % 10_000}`;
    case 'ipv4':
      return `198.51.100.${(mix(seed, 5) % 250) + 2}`;
    case 'password':
      return hex(seed, 6, 16);
    default:
  }
  const n = name.toLowerCase();
  if (n.includes('email')) return `${first}.${last}@example.com`;
  if (n === 'name' || n.endsWith('name')) return n.includes('first') ? cap(first) : n.includes('last') ? cap(last) : `${cap(first)} ${cap(last)}`;
  if (n.includes('city')) return pick(CITIES, seed, 8);
  if (n.includes('phone')) return `+1555${String(mix(seed, 9) % 10_000_000).padStart(7, '0')}`;
  if (n.includes('token') || n.includes('secret') || n.includes('key')) return hex(seed, 15, 32);
  if (n === 'id' || n.endsWith('id')) return hex(seed, 16, 12);
  if (n.includes('status') || n.includes('state')) return 'active';
  if (n.includes('date') || n.endsWith('at')) return dateTime(seed);
  if (format === '' && n === '') return pick(WORDS, seed, 17);
  return format === '' ? `${pick(WORDS, seed, 18)}-${mix(seed, 19) % 1000}` : undefined;
};

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

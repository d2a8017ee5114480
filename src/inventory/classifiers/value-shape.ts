/**
 * Small, linear-time facts about a value's shape that several classifiers share: placeholders (`null`,
 * `********`, `[REDACTED]`, `${TOKEN}`), Shannon entropy, character classes, and the scheme of an
 * `Authorization`-style value (`Bearer …`).
 */

const PLACEHOLDER_WORDS = new Set([
  'null', 'undefined', 'none', 'nil', 'true', 'false', 'n/a', 'na', '-', '--', 'redacted', 'hidden', 'masked', 'removed',
  'filtered', 'omitted', 'xxx', 'xxxx', 'todo', 'tbd', 'empty', 'unset', 'nan',
]);

/**
 * True for values that stand in for a secret instead of being one: empty, `null`/`true`/`n/a`, a run of one
 * character (`********`, `xxxxxxxx`), masks (`***`, `•••`, `[REDACTED]`, `[FILTERED]`), templates (`${TOKEN}`,
 * `{{token}}`, `<your-token>`, `%s`) and `YOUR_…` prompts.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  const n = v.length;
  if (n === 0) return true;
  if (n <= 12 && PLACEHOLDER_WORDS.has(v.toLowerCase())) return true;
  const c0 = v.charCodeAt(0);
  let same = true;
  for (let i = 1; i < n; i++) {
    if (v.charCodeAt(i) !== c0) {
      same = false;
      break;
    }
  }
  if (same) return true;
  if (v.includes('***') || v.includes('\u2022\u2022') || v.includes('\u25cf\u25cf')) return true;
  const upper = n <= 256 ? v.toUpperCase() : v.slice(0, 256).toUpperCase();
  if (upper.includes('REDACTED') || upper.includes('[FILTERED]') || upper.startsWith('YOUR_') || upper.startsWith('YOUR-')) return true;
  const cl = v.charCodeAt(n - 1);
  if ((c0 === 0x24 /* $ */ && v.charCodeAt(1) === 0x7b) /* ${ */ && cl === 0x7d) return true;
  if (c0 === 0x7b /* { */ && v.charCodeAt(1) === 0x7b && cl === 0x7d) return true;
  if (c0 === 0x3c /* < */ && cl === 0x3e /* > */) return true;
  if (v === '%s' || v === '?') return true;
  return false;
}

const counts = new Int32Array(128);

/** Shannon entropy in bits per character (characters above U+007F share one bucket). Linear in the length. */
export function shannonEntropy(value: string): number {
  const n = value.length;
  if (n === 0) return 0;
  let other = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) counts[c]!++;
    else other++;
  }
  let h = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) continue;
    const k = counts[c] as number;
    if (k === 0) continue;
    const p = k / n;
    h -= p * Math.log2(p);
    counts[c] = 0;
  }
  if (other > 0) {
    const p = other / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Character classes present in a value, as bits: 1 lower, 2 upper, 4 digit, 8 other printable ASCII, 16 whitespace, 32 non-ASCII. */
export function charClasses(value: string, start = 0, end = value.length): number {
  let bits = 0;
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) bits |= 1;
    else if (c >= 65 && c <= 90) bits |= 2;
    else if (c >= 48 && c <= 57) bits |= 4;
    else if (c === 32 || c === 9 || c === 10 || c === 13) bits |= 16;
    else if (c > 32 && c < 127) bits |= 8;
    else bits |= 32;
  }
  return bits;
}

export const CLASS_LOWER = 1;
export const CLASS_UPPER = 2;
export const CLASS_DIGIT = 4;
export const CLASS_OTHER = 8;
export const CLASS_SPACE = 16;
export const CLASS_NON_ASCII = 32;

const AUTH_SCHEMES = new Set(['bearer', 'basic', 'token', 'bot', 'apikey', 'dpop', 'key', 'sso-key', 'digest', 'negotiate', 'ntlm']);

/**
 * Splits an `Authorization`-style value into its scheme and credential: `Bearer abc` → `{scheme: 'Bearer',
 * credential: 'abc'}`. Only well-known schemes are split; anything else is all credential (`scheme` '').
 */
export function splitAuthScheme(value: string): { scheme: string; credential: string } {
  const sp = value.indexOf(' ');
  if (sp < 3 || sp > 9) return { scheme: '', credential: value };
  const scheme = value.slice(0, sp);
  if (!AUTH_SCHEMES.has(scheme.toLowerCase())) return { scheme: '', credential: value };
  let i = sp;
  while (i < value.length && value.charCodeAt(i) === 32) i++;
  return { scheme, credential: value.slice(i) };
}

/** First characters of the well-known auth schemes, both cases (for classifier gates). */
export const AUTH_SCHEME_FIRST_CHARS = 'bBtTaAdDkKsSnN';

/** True when the first character of `value` could start a well-known auth scheme (a cheap pre-check for {@link splitAuthScheme}). */
export function mayHaveAuthScheme(value: string): boolean {
  const c = value.charCodeAt(0) | 0x20;
  return c === 0x62 /* b */ || c === 0x74 /* t */ || c === 0x61 /* a */ || c === 0x64 /* d */ || c === 0x6b /* k */ || c === 0x73 /* s */ || c === 0x6e; /* n */
}

/** True for an ASCII digit code. */
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for a base64url alphabet code (`A–Z a–z 0–9 - _`). */
export function isBase64UrlCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
}

/** True for an ASCII letter or digit code. */
export function isAlnumCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

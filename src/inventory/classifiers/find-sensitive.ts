/**
 * Sensitive values embedded in free text: a card number inside an error message, a JWT in a log line, an email
 * in a sentence, `password=…` in a form-encoded string or `<password>…</password>` in XML.
 *
 * One left-to-right pass. Candidates start only at word boundaries and at characters that can begin one of the
 * shapes (a digit, `+`, `(`, an upper-case letter for IBANs and AWS keys, `e` for JWTs, `g`/`x`/`s`/`r`/`w`/`h`
 * for token prefixes, `-----BEGIN`, `@` for emails); every candidate is validated by the same functions as the
 * classifiers (Luhn and issuer, mod-97, SSN ranges, JOSE header, libphonenumber). Named values (`key=value`,
 * `key: value`, `"key": "value"`, `<key>value</key>`) are classified with the key as their field name, so the
 * context-dependent types (password, generic-secret, date-of-birth, national phone numbers, plain SSNs, AWS
 * secret keys) are found too. Each scanner keeps a watermark so no character is re-scanned by the same
 * scanner: the work is linear in the text length with a small constant (candidate windows are capped at 64
 * characters for numbers, 4 KiB for named values and 64 KiB for PEM blocks).
 */
import type { SensitiveType } from '../../core/index.js';
import { isAwsAccessKeyIdAt } from './aws-access-key.js';
import type { ValueContext } from './classifier.js';
import { isEmailAt } from './email.js';
import { githubTokenLengthAt } from './github-token.js';
import { isIbanAt, IBAN_LENGTHS } from './iban.js';
import { isIpAddress } from './ip-address.js';
import { isJwtAt } from './jwt.js';
import { HINT_AWS_SECRET, HINT_DOB, HINT_PASSWORD, HINT_PHONE, HINT_SECRET, HINT_SSN, nameHints } from './name-hints.js';
import { cardBrand, isLuhnValid } from './payment-card.js';
import { isPhone } from './phone.js';
import { privateKeyHeaderEnd } from './private-key.js';
import { slackTokenLengthAt, slackWebhookLengthAt } from './slack-token.js';
import { stripeKeyLengthAt } from './stripe-key.js';
import { isSsnAt } from './us-ssn.js';

/** A sensitive value found in a text: its type and its range `[start, end)` in UTF-16 code units. */
export interface SensitiveSpan {
  readonly type: SensitiveType;
  readonly start: number;
  readonly end: number;
}

const CONTEXT_HINTS = HINT_SECRET | HINT_PASSWORD | HINT_DOB | HINT_PHONE | HINT_SSN | HINT_AWS_SECRET;
const MAX_WHOLE = 65_536;
const MAX_KEY = 64;
const MAX_VALUE = 4_096;
const MAX_PEM = 65_536;

// character classes, by code: 1 alnum, 2 email local part, 4 domain, 8 base64url/JWT, 16 hex/colon (IPv6), 32 key
const CLS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const alnum = /[A-Za-z0-9]/.test(ch);
  let bits = 0;
  if (alnum) bits |= 1 | 2 | 4 | 8 | 32;
  if ("!#$%&'*+/=?^_`{|}~-.".includes(ch)) bits |= 2;
  if (ch === '-' || ch === '.') bits |= 4;
  if (ch === '-' || ch === '_' || ch === '.') bits |= 8;
  if (/[0-9A-Fa-f:.]/.test(ch)) bits |= 16;
  if (ch === '_' || ch === '-' || ch === '.' || ch === '[' || ch === ']') bits |= 32;
  CLS[c] = bits;
}
const cls = (c: number): number => (c < 128 ? (CLS[c] as number) : 0);
const isAlnum = (c: number): boolean => c < 128 && ((CLS[c] as number) & 1) !== 0;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;

/** Classifies one whole value in its context (the catalogue's `classifyValue`, passed in to keep imports one-way). */
export type ValueClassifier = (value: string, ctx: ValueContext) => SensitiveType[];

/**
 * The sensitive values in `text`, sorted by position, using `classifyValue` for whole values and named values.
 * When the whole text is one sensitive value in `ctx` (e.g. the text of a `password` field) that value is
 * returned as one span per type. Spans nested in a larger one are dropped; partly overlapping spans are both
 * kept (redaction merges them). Never throws. `findSensitive` in `index.ts` is this with the built-in catalogue.
 */
export function findSensitiveWith(text: string, ctx: ValueContext, classifyValue: ValueClassifier): SensitiveSpan[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  if (text.length <= MAX_WHOLE) {
    const whole = classifyValue(text, ctx);
    if (whole.length > 0) return whole.map((type) => ({ type, start: 0, end: text.length }));
  }
  const spans: SensitiveSpan[] = [];
  try {
    scan(text, ctx, spans, classifyValue);
  } catch {
    // a scanner bug must not lose what was found so far
  }
  return tidy(spans);
}

function scan(t: string, ctx: ValueContext, out: SensitiveSpan[], classifyValue: ValueClassifier): void {
  const n = t.length;
  // per-scanner watermarks: a scanner never starts a candidate before the end of its previous one
  let numberUntil = 0;
  let ibanUntil = 0;
  let tokenUntil = 0;
  let jwtUntil = 0;
  let ipv6Until = 0;
  let emailUntil = 0;
  let kvUntil = 0;
  let pemUntil = 0;
  let pemEnd = -2; // index of the next "-----END " after the last PEM header (-1: none; -2: not searched yet)

  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    const prev = i > 0 ? t.charCodeAt(i - 1) : 32;
    const wordStart = !isAlnum(prev) && prev !== 95; /* _ */

    // emails: around each '@'
    if (c === 64 /* @ */ && i >= emailUntil) {
      let s = i;
      while (s > emailUntil && i - s < 64 && cls(t.charCodeAt(s - 1)) & 2) s--;
      while (s < i && t.charCodeAt(s) === 46) s++;
      let e = i + 1;
      while (e < n && e - i < 254 && cls(t.charCodeAt(e)) & 4) e++;
      while (e > i + 1 && (t.charCodeAt(e - 1) === 46 || t.charCodeAt(e - 1) === 45)) e--;
      if (s < i && isEmailAt(t, s, e)) {
        out.push({ type: 'email', start: s, end: e });
        emailUntil = e;
      } else {
        emailUntil = i + 1;
      }
      continue;
    }

    // named values: key=value, key: value, "key": "value", <key>value</key>
    if ((c === 61 /* = */ || c === 58 /* : */ || c === 62) /* > */ && i >= kvUntil) {
      const end = namedValue(t, i, ctx, out, classifyValue);
      if (end > i) kvUntil = end;
    }

    if (!wordStart || c >= 128) continue;

    // PEM private keys
    if (c === 45 /* - */ && i >= pemUntil && t.startsWith('-----BEGIN ', i)) {
      const h = privateKeyHeaderEnd(t, i);
      if (h !== -1) {
        // headers come in increasing order, so one search serves every header before the END it found
        if (pemEnd === -2 || (pemEnd !== -1 && pemEnd < h)) pemEnd = t.indexOf('-----END ', h);
        let e: number;
        if (pemEnd !== -1 && pemEnd - h <= MAX_PEM) {
          const close = t.indexOf('-----', pemEnd + 9);
          e = close === -1 || close - pemEnd > 64 ? pemEnd + 9 : close + 5;
        } else {
          e = h;
          while (e < n && e - h < MAX_PEM && isPemBodyChar(t.charCodeAt(e))) e++;
        }
        out.push({ type: 'private-key', start: i, end: e });
        pemUntil = e;
        i = e - 1;
        continue;
      }
    }

    // JWTs: `ey`/`ew` then base64url and dots (a failed run is not rescanned)
    if (c === 101 /* e */ && i >= jwtUntil) {
      const next = t.charCodeAt(i + 1);
      if (next === 121 /* y */ || next === 119 /* w */) {
        let e = i;
        while (e < n && e - i < 16_384 && cls(t.charCodeAt(e)) & 8) e++;
        jwtUntil = e;
        while (e > i && t.charCodeAt(e - 1) === 46) e--;
        // a trailing '.' belongs to unsigned tokens (`header.payload.`)
        const end = isJwtAt(t, i, e) ? e : t.charCodeAt(e) === 46 && isJwtAt(t, i, e + 1) ? e + 1 : -1;
        if (end !== -1) {
          out.push({ type: 'jwt', start: i, end });
          i = end - 1;
          continue;
        }
      }
    }

    // prefixed tokens (AWS key id, GitHub, Slack, Stripe)
    if (i >= tokenUntil) {
      const tok = prefixedToken(t, i, c);
      if (tok) {
        out.push(tok);
        tokenUntil = tok.end;
        continue;
      }
    }

    // IBANs: two upper-case letters and two digits
    if (isUpper(c) && i >= ibanUntil && i + 4 < n && isUpper(t.charCodeAt(i + 1)) && isDigit(t.charCodeAt(i + 2)) && isDigit(t.charCodeAt(i + 3))) {
      const e = ibanEnd(t, i);
      if (e > 0) {
        out.push({ type: 'iban', start: i, end: e });
        ibanUntil = e;
        continue;
      }
      ibanUntil = i + 4;
    }

    // IPv6 (hex and colons, at least two colons)
    if (i >= ipv6Until && cls(c) & 16 && c !== 46) {
      let e = i;
      let colons = 0;
      while (e < n && e - i < 45 && cls(t.charCodeAt(e)) & 16) {
        if (t.charCodeAt(e) === 58) colons++;
        e++;
      }
      const runEnd = e;
      if (colons >= 2) {
        if (t.charCodeAt(e) === 37 /* %zone */) {
          let z = e + 1;
          while (z < n && z - e < 16 && isAlnum(t.charCodeAt(z))) z++;
          if (z > e + 1) e = z;
        }
        while (e > i && t.charCodeAt(e - 1) === 46) e--;
        if (!isAlnum(t.charCodeAt(e) | 0) && isIpAddress(t.slice(i, e))) {
          out.push({ type: 'ip-address', start: i, end: e });
          ipv6Until = e;
          i = e - 1;
          continue;
        }
      }
      ipv6Until = runEnd;
    }

    // numbers: cards, SSNs, international phones, IPv4
    if ((isDigit(c) || c === 43 /* + */ || c === 40) /* ( */ && i >= numberUntil) {
      const span = numberAt(t, i);
      if (span) {
        out.push(span);
        numberUntil = span.end;
        i = span.end - 1;
      }
    }
  }
}

function isPemBodyChar(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 47 || c === 61 || c === 10 || c === 13 || c === 32 || c === 9 || c === 92 /* \ */ || c === 58 || c === 44 || c === 45;
}

/** True when a token may end at `e`: the end of the text or a character that cannot continue a token. */
function tokenBoundary(t: string, e: number): boolean {
  if (e >= t.length) return true;
  const c = t.charCodeAt(e);
  return !isAlnum(c) && c !== 95;
}

/** True when a word may end at `e`: the end of the text or a non-alphanumeric character. */
function endsWord(t: string, e: number): boolean {
  return e >= t.length || !isAlnum(t.charCodeAt(e));
}

/** A prefixed token starting at `i` (its first character `c`), bounded on the right by a non-token character. */
function prefixedToken(t: string, i: number, c: number): SensitiveSpan | undefined {
  const n = t.length;
  if (c === 65 /* A */ && i + 20 <= n && isAwsAccessKeyIdAt(t, i) && tokenBoundary(t, i + 20)) return { type: 'aws-access-key', start: i, end: i + 20 };
  if (c === 103 /* g */) {
    const len = githubTokenLengthAt(t, i);
    if (len && tokenBoundary(t, i + len)) return { type: 'github-token', start: i, end: i + len };
    return undefined;
  }
  if (c === 120 /* x */) {
    const len = slackTokenLengthAt(t, i);
    if (len && tokenBoundary(t, i + len)) return { type: 'slack-token', start: i, end: i + len };
    return undefined;
  }
  if (c === 104 /* h */) {
    const len = slackWebhookLengthAt(t, i);
    if (len && tokenBoundary(t, i + len)) return { type: 'slack-token', start: i, end: i + len };
    return undefined;
  }
  if (c === 115 /* s */ || c === 114 /* r */ || c === 119 /* w */) {
    const len = stripeKeyLengthAt(t, i);
    if (len && tokenBoundary(t, i + len)) return { type: 'stripe-key', start: i, end: i + len };
  }
  return undefined;
}

/** End of the IBAN starting at `i` (electronic or printed in groups), or 0. */
function ibanEnd(t: string, i: number): number {
  const want = IBAN_LENGTHS[t.slice(i, i + 2)];
  if (want === undefined) return 0;
  const n = t.length;
  let count = 0;
  let e = i;
  while (e < n && count < want) {
    const c = t.charCodeAt(e);
    if (isDigit(c) || isUpper(c)) {
      count++;
      e++;
    } else if (c === 32 && e > i && t.charCodeAt(e - 1) !== 32 && e + 1 < n && isAlnum(t.charCodeAt(e + 1))) {
      e++;
    } else {
      break;
    }
  }
  if (count !== want) return 0;
  if (e < n && isAlnum(t.charCodeAt(e))) return 0;
  return isIbanAt(t, i, e) ? e : 0;
}

const cardBuf = new Uint8Array(19);
const VERSION_WORDS = new Set(['version', 'ver', 'v', 'build', 'release', 'firmware']);

/** True when the word just before `i` (across spaces, `:` or `=`) says version: `version 1.2.3.4` is not an address. */
function afterVersionWord(t: string, i: number): boolean {
  let k = i;
  while (k > 0 && i - k < 3 && (t.charCodeAt(k - 1) === 32 || t.charCodeAt(k - 1) === 58 || t.charCodeAt(k - 1) === 61)) k--;
  const end = k;
  while (k > 0 && end - k < 16 && isAlnum(t.charCodeAt(k - 1))) k--;
  return end > k && VERSION_WORDS.has(t.slice(k, end).toLowerCase());
}

/** An international or `(NXX) NXX-XXXX` phone number starting at `i` (a `+` or `(`). */
function phoneAt(t: string, i: number): SensitiveSpan | undefined {
  const n = t.length;
  let w = i + 1;
  let seps = 1;
  let open = t.charCodeAt(i) === 40 ? 1 : 0;
  while (w < n && w - i < 32) {
    const c = t.charCodeAt(w);
    if (isDigit(c)) seps = 0;
    else if (c === 32 || c === 45 || c === 46 || c === 41 || c === 47 || c === 40) {
      if (c === 40 && ++open > 1) break;
      if (++seps > 2) break;
    } else break;
    w++;
  }
  let e = w;
  while (e > i && !isDigit(t.charCodeAt(e - 1))) e--;
  if (e - i >= 8 && endsWord(t, e) && isPhone(t.slice(i, e), 0)) return { type: 'phone', start: i, end: e };
  return undefined;
}

/** A card, SSN, international phone number or IPv4 address starting at `i`. */
function numberAt(t: string, i: number): SensitiveSpan | undefined {
  const n = t.length;
  const c0 = t.charCodeAt(i);
  if (c0 === 43 || c0 === 40) return phoneAt(t, i);

  // IPv4: four dot-separated digit runs
  let d = i;
  let dots = 0;
  while (d < n && d - i < 16) {
    const c = t.charCodeAt(d);
    if (isDigit(c)) d++;
    else if (c === 46 && dots < 4) {
      dots++;
      d++;
    } else break;
  }
  let ipEnd = d;
  while (ipEnd > i && t.charCodeAt(ipEnd - 1) === 46) ipEnd--;
  if (dots >= 3 && ipEnd - i >= 7 && endsWord(t, ipEnd) && isIpAddress(t.slice(i, ipEnd)) && !afterVersionWord(t, i)) return { type: 'ip-address', start: i, end: ipEnd };

  // SSN: AAA-GG-SSSS
  if (i + 11 <= n && t.charCodeAt(i + 3) === 45 && endsWord(t, i + 11) && isSsnAt(t, i, i + 11, 0)) return { type: 'us-ssn', start: i, end: i + 11 };

  // cards: digit groups joined by one kind of separator (one space or one dash), each group but the last of
  // at least 3 digits, ending at a group boundary; issuers start with 2–8
  if (c0 < 50 || c0 > 56) return undefined;
  let count = 0;
  let sep = 0;
  let e = i;
  for (;;) {
    let group = 0;
    while (e < n) {
      const c = t.charCodeAt(e);
      if (c < 48 || c > 57) break;
      if (count === 19) return undefined;
      cardBuf[count++] = c - 48;
      group++;
      e++;
    }
    if (count >= 12 && endsWord(t, e) && cardBrand(cardBuf, count) !== undefined && isLuhnValid(cardBuf, count)) {
      return { type: 'payment-card', start: i, end: e };
    }
    if (group < 3) break;
    const c = t.charCodeAt(e);
    if ((c === 32 || c === 45) && (sep === 0 || sep === c) && e + 1 < n && isDigit(t.charCodeAt(e + 1))) {
      sep = c;
      e++;
      continue;
    }
    break;
  }
  return undefined;
}

/**
 * A named value around the delimiter at `d` (`=`, `:` or `>`): classifies the value with the key as its name
 * when the key hints at a context-dependent type. Returns the end of the value scanned (or `d` when none).
 */
function namedValue(t: string, d: number, ctx: ValueContext, out: SensitiveSpan[], classifyValue: ValueClassifier): number {
  const n = t.length;
  const c = t.charCodeAt(d);
  if (c === 58 && t.charCodeAt(d + 1) === 47 && t.charCodeAt(d + 2) === 47) return d; // URL scheme
  // the key, backwards: optional spaces and closing quote, then key characters
  let k = d;
  let key: string;
  if (c === 62 /* > */) {
    let lt = d - 1;
    while (lt >= 0 && d - lt <= MAX_KEY + 32 && t.charCodeAt(lt) !== 60 /* < */) lt--;
    if (lt < 0 || t.charCodeAt(lt) !== 60 || t.charCodeAt(lt + 1) === 47) return d;
    let ke = lt + 1;
    while (ke < d && cls(t.charCodeAt(ke)) & 32) ke++;
    key = t.slice(lt + 1, ke);
  } else {
    while (k > 0 && d - k < 2 && t.charCodeAt(k - 1) === 32) k--;
    const q = t.charCodeAt(k - 1);
    if (q === 34 || q === 39) k--;
    const ke = k;
    while (k > 0 && ke - k < MAX_KEY && cls(t.charCodeAt(k - 1)) & 32) k--;
    key = t.slice(k, ke);
  }
  if (key.length < 2 || !/[A-Za-z]/.test(key[0] as string)) return d;
  // raw HTTP header lines: every cookie value is a credential; an Authorization value runs to the end of the line
  if (c === 58) {
    const lower = key.length <= 19 ? key.toLowerCase() : '';
    if (lower === 'cookie' || lower === 'set-cookie') return cookieLine(t, d, lower === 'set-cookie', out);
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      let s = d + 1;
      while (s < n && s - d < 3 && t.charCodeAt(s) === 32) s++;
      let e = s;
      while (e < n && e - s < MAX_VALUE && t.charCodeAt(e) !== 10 && t.charCodeAt(e) !== 13) e++;
      while (e > s && t.charCodeAt(e - 1) === 32) e--;
      if (e > s) {
        const value = t.slice(s, e);
        const types = classifyValue(value, { location: ctx.location, direction: ctx.direction, name: key });
        out.push({ type: types.length > 0 ? (types[0] as SensitiveType) : 'generic-secret', start: s, end: e });
      }
      return e;
    }
  }
  const hints = nameHints(key);
  if (!(hints & CONTEXT_HINTS)) return d;

  // the value, forwards
  let s = d + 1;
  if (c !== 62) while (s < n && s - d < 3 && t.charCodeAt(s) === 32) s++;
  let e: number;
  const q = t.charCodeAt(s);
  if (c === 62) {
    e = s;
    while (e < n && e - s < MAX_VALUE && t.charCodeAt(e) !== 60 /* < */) e++;
  } else if (q === 34 || q === 39) {
    s++;
    e = s;
    while (e < n && e - s < MAX_VALUE) {
      const ch = t.charCodeAt(e);
      if (ch === q || ch === 10 || ch === 13) break;
      if (ch === 92 /* \ */) e++;
      e++;
    }
    if (e > n) e = n;
  } else {
    e = s;
    while (e < n && e - s < MAX_VALUE && !isValueDelimiter(t.charCodeAt(e))) e++;
    // `Authorization: Bearer abc`: the credential follows the scheme after one space
    if (t.charCodeAt(e) === 32 && e - s <= 9 && e + 1 < n && !isValueDelimiter(t.charCodeAt(e + 1))) {
      let e2 = e + 1;
      while (e2 < n && e2 - s < MAX_VALUE && !isValueDelimiter(t.charCodeAt(e2))) e2++;
      const scheme = t.slice(s, e).toLowerCase();
      if (scheme === 'bearer' || scheme === 'basic' || scheme === 'token' || scheme === 'bot' || scheme === 'apikey') e = e2;
    }
  }
  if (e <= s) return d;
  const value = t.slice(s, e);
  const types = classifyValue(value, { location: ctx.location, direction: ctx.direction, name: key });
  for (const type of types) out.push({ type, start: s, end: e });
  return e;
}

/** `Cookie: a=1; b=2` / `Set-Cookie: a=1; Path=/` in raw text: each cookie value (only the first pair of a Set-Cookie). */
function cookieLine(t: string, d: number, setCookie: boolean, out: SensitiveSpan[]): number {
  const n = t.length;
  let i = d + 1;
  let pairs = 0;
  while (i < n && i - d < MAX_VALUE) {
    while (i < n && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 59)) i++;
    let eq = i;
    while (eq < n && t.charCodeAt(eq) !== 61 && t.charCodeAt(eq) !== 59 && t.charCodeAt(eq) !== 10 && t.charCodeAt(eq) !== 13) eq++;
    if (eq >= n || t.charCodeAt(eq) !== 61) {
      i = eq;
      break;
    }
    let e = eq + 1;
    while (e < n && t.charCodeAt(e) !== 59 && t.charCodeAt(e) !== 10 && t.charCodeAt(e) !== 13) e++;
    let ve = e;
    while (ve > eq + 1 && t.charCodeAt(ve - 1) === 32) ve--;
    if (ve > eq + 1) out.push({ type: 'generic-secret', start: eq + 1, end: ve });
    i = e;
    if (++pairs >= 1 && setCookie) break;
    if (t.charCodeAt(i) !== 59) break;
  }
  // the rest of the line was looked at: named values in it are not rescanned
  while (i < n && i - d < MAX_VALUE && t.charCodeAt(i) !== 10 && t.charCodeAt(i) !== 13) i++;
  return i;
}

function isValueDelimiter(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 38 /* & */ || c === 59 /* ; */ || c === 44 /* , */ || c === 34 || c === 39 || c === 60 || c === 62 || c === 41 || c === 125 || c === 93;
}

/** Sorts spans by position and drops those nested in an earlier, larger span (or repeated with the same type). */
function tidy(spans: SensitiveSpan[]): SensitiveSpan[] {
  if (spans.length <= 1) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SensitiveSpan[] = [];
  let coverStart = -1;
  let coverEnd = -1;
  for (const s of spans) {
    if (s.end <= coverEnd) {
      const same = s.start === coverStart && s.end === coverEnd;
      if (!same) continue;
      if (out.some((o) => o.start === s.start && o.end === s.end && o.type === s.type)) continue;
      out.push(s);
      continue;
    }
    out.push(s);
    coverStart = s.start;
    coverEnd = s.end;
  }
  return out;
}

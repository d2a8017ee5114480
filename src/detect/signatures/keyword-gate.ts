/**
 * The shared keyword gate: does a value contain, case-insensitively, any keyword of the keyword-only rules?
 * The answer is exactly that of one case-insensitive literal alternation (linear), but most values are cleared
 * before it runs by an n-gram table: a keyword can only occur where the value has its first two characters
 * (two-character keywords) or its first three (longer ones), so a value with none of those n-grams has none of
 * the keywords. Letters are folded to lower case (a case-insensitive non-Unicode regex matches an ASCII
 * character only with an ASCII character); values with non-ASCII characters always go to the regex.
 *
 * @example
 * const gate = createKeywordGate(['union', 'sleep', 'if']);
 * gate('1 UNION select'); // true
 * gate('Field Guide'); // false, without running the regex
 */

/** Bits of the hashed trigram table (2^16 bits, 8 KB): false positives only send a value to the regex. */
const TRI_BITS = 16;
const TRI_MASK = (1 << TRI_BITS) - 1;

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c | 0x20 : c;
}

function triHash(a: number, b: number, c: number): number {
  return (((a * 131 + b) * 131 + c) * 2654435761) >>> (32 - TRI_BITS);
}

export type KeywordGate = (value: string) => boolean;

/** A gate for the keywords (lower-cased by the caller or not: matching is case-insensitive). */
export function createKeywordGate(keywords: Iterable<string>): KeywordGate {
  const list = [...new Set([...keywords].map((k) => k.toLowerCase()))].filter((k) => k.length > 0);
  if (list.length === 0) return () => false;
  const re = new RegExp(list.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'i');
  // keywords with non-ASCII characters can only match values with non-ASCII characters, which skip the table
  const ascii = list.filter(isAscii);
  if (ascii.some((k) => k.length < 2)) return (v) => re.test(v);
  const pairs = new Uint8Array(128 * 128);
  const triples = new Uint32Array(1 << (TRI_BITS - 5));
  for (const k of ascii) {
    const a = fold(k.charCodeAt(0));
    const b = fold(k.charCodeAt(1));
    if (k.length === 2) pairs[(a << 7) | b] = 1;
    else {
      const h = triHash(a, b, fold(k.charCodeAt(2))) & TRI_MASK;
      triples[h >> 5] = (triples[h >> 5] as number) | (1 << (h & 31));
    }
  }
  return (v) => {
    const n = v.length;
    if (n < 2) return false;
    let a = v.charCodeAt(0);
    if (a >= 128) return re.test(v);
    a = fold(a);
    let b = v.charCodeAt(1);
    if (b >= 128) return re.test(v);
    b = fold(b);
    for (let i = 2; ; i++) {
      if (pairs[(a << 7) | b] === 1) return re.test(v);
      if (i >= n) return false;
      let c = v.charCodeAt(i);
      if (c >= 128) return re.test(v);
      c = fold(c);
      const h = triHash(a, b, c) & TRI_MASK;
      if (((triples[h >> 5] as number) & (1 << (h & 31))) !== 0) return re.test(v);
      a = b;
      b = c;
    }
  };
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Percent-decoding for inspection, up to `MAX_URL_LEVELS` levels (double and triple encoding), with the
 * IIS-style `%uXXXX` form and overlong UTF-8 (`%c0%af` is `/`, `%e0%80%ae` is `.`), which old servers and
 * some frameworks still decode. Malformed escapes are kept as written. Linear in the input per level.
 */

/** How many times a value is decoded at most (`%25252e` needs three). */
export const MAX_URL_LEVELS = 3;

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/** Byte value of `%XX` at `i`, or -1. */
function byteAt(s: string, i: number): number {
  if (s.charCodeAt(i) !== 37 || i + 2 >= s.length) return -1;
  const h = hexVal(s.charCodeAt(i + 1));
  const l = hexVal(s.charCodeAt(i + 2));
  return h < 0 || l < 0 ? -1 : (h << 4) | l;
}

/** One level of percent-decoding (with `%u`, UTF-8 and overlong UTF-8). `+` is left alone. */
export function urlDecodeOnce(s: string): string {
  if (s.indexOf('%') === -1) return s;
  let out = '';
  let last = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    if (s.charCodeAt(i) !== 37) continue;
    // %uXXXX
    const next = s.charCodeAt(i + 1) | 0x20;
    if (next === 117 && i + 5 < n) {
      const a = hexVal(s.charCodeAt(i + 2));
      const b = hexVal(s.charCodeAt(i + 3));
      const c = hexVal(s.charCodeAt(i + 4));
      const d = hexVal(s.charCodeAt(i + 5));
      if (a >= 0 && b >= 0 && c >= 0 && d >= 0) {
        let code = (a << 12) | (b << 8) | (c << 4) | d;
        // full-width ASCII forms (U+FF01..U+FF5E) map to ASCII, as IIS does
        if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
        out += s.slice(last, i) + String.fromCharCode(code);
        i += 5;
        last = i + 1;
        continue;
      }
    }
    const b0 = byteAt(s, i);
    if (b0 < 0) continue;
    let ch: string;
    let len = 3;
    if (b0 < 0x80) {
      ch = String.fromCharCode(b0);
    } else {
      // a UTF-8 sequence: 2, 3 or 4 bytes, each continuation written as %XX
      const need = b0 >= 0xf0 && b0 < 0xf8 ? 3 : b0 >= 0xe0 ? 2 : b0 >= 0xc0 ? 1 : 0;
      let cp = need === 3 ? b0 & 0x07 : need === 2 ? b0 & 0x0f : b0 & 0x1f;
      let ok = need > 0;
      for (let k = 1; ok && k <= need; k++) {
        const bk = byteAt(s, i + 3 * k);
        if (bk < 0 || (bk & 0xc0) !== 0x80) ok = false;
        else cp = (cp << 6) | (bk & 0x3f);
      }
      if (ok && cp <= 0x10ffff) {
        // overlong forms (`%c0%af`) decode to their ASCII value on purpose: that is the evasion
        ch = String.fromCodePoint(cp);
        len = 3 * (need + 1);
      } else {
        ch = String.fromCharCode(b0); // a lone high byte: Latin-1, as the bytes were probably meant
      }
    }
    out += s.slice(last, i) + ch;
    i += len - 1;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Percent-decodes repeatedly (at most `MAX_URL_LEVELS` times) until the value no longer changes. */
export function urlDecode(s: string): string {
  let cur = s;
  for (let level = 0; level < MAX_URL_LEVELS; level++) {
    const next = urlDecodeOnce(cur);
    if (next === cur) break;
    cur = next;
  }
  return cur;
}

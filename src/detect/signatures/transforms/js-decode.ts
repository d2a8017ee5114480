/**
 * JavaScript / JSON / C-style escapes: `\uXXXX`, `\u{X…}`, `\xXX`, and octal `\NNN`. Other backslashes are
 * kept (they matter to path and shell rules). Linear, one pass.
 */

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

function hexRun(s: string, from: number, len: number): number {
  let v = 0;
  for (let k = 0; k < len; k++) {
    const h = hexVal(s.charCodeAt(from + k));
    if (h < 0) return -1;
    v = (v << 4) | h;
  }
  return v;
}

export function jsDecode(s: string): string {
  if (s.indexOf('\\') === -1) return s;
  let out = '';
  let last = 0;
  const n = s.length;
  for (let i = 0; i < n - 1; i++) {
    if (s.charCodeAt(i) !== 92) continue;
    const c = s.charCodeAt(i + 1);
    let code = -1;
    let len = 0;
    if (c === 117 /* u */) {
      if (s.charCodeAt(i + 2) === 123 /* { */) {
        const close = s.indexOf('}', i + 3);
        if (close > i + 3 && close - (i + 3) <= 6) {
          code = hexRun(s, i + 3, close - (i + 3));
          len = close - i + 1;
        }
      } else if (i + 5 < n) {
        code = hexRun(s, i + 2, 4);
        len = 6;
      }
    } else if (c === 120 /* x */ && i + 3 < n) {
      code = hexRun(s, i + 2, 2);
      len = 4;
    } else if (c >= 48 && c <= 55 && i + 3 < n) {
      const a = c - 48;
      const b = s.charCodeAt(i + 2) - 48;
      const d = s.charCodeAt(i + 3) - 48;
      if (b >= 0 && b <= 7 && d >= 0 && d <= 7) {
        code = (a << 6) | (b << 3) | d;
        len = 4;
      }
    } else if (c === 92) {
      i++; // an escaped backslash: keep both, skip the pair
      continue;
    }
    if (code < 0 || code > 0x10ffff) continue;
    out += s.slice(last, i) + String.fromCodePoint(code);
    i += len - 1;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

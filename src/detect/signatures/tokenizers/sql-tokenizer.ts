/**
 * A small SQL lexer for detection (not a parser): it turns a value into a short sequence of typed tokens, as
 * the value would look to a SQL engine once pasted into a query — raw (numeric context), or after an opening
 * single or double quote (string context). Token types are single characters so that a token sequence is a
 * short string (a "fingerprint"):
 *
 * | type | what |
 * | --- | --- |
 * | `s` | string literal (a quote context's first string is the part the attacker closes) |
 * | `1` | number (decimal, hex `0x..`, binary `0b..`, scientific) |
 * | `n` | bareword / identifier (also `` `quoted` `` and `[bracketed]` identifiers) |
 * | `k` | SQL keyword (`from`, `where`, `having`, `order`, …) |
 * | `E` | `select` |
 * | `U` | set operator (`union`, `intersect`, `except`, `minus`) |
 * | `&` | logic operator (`and`, `or`, `xor`, `not`, `&&`, `||`) |
 * | `o` | operator (`=`, `<>`, `+`, `like`, `in`, …) |
 * | `f` | function call (a word followed by `(`, or a known SQL function) |
 * | `v` | variable (`@x`, `@@version`, `$1`) |
 * | `(` `)` `,` `;` | punctuation |
 * | `c` | comment (`--`, `#`, `/* … *\/`) |
 *
 * Lexing is one pass, at most `MAX_TOKENS` tokens. Comments in the middle of a value are kept as `c` tokens;
 * `foldTokens` then drops those between other tokens (they only separate words) and merges adjacent strings.
 */
import { SQL_FUNCTIONS, SQL_KEYWORDS, SQL_LOGIC, SQL_UNION, SQL_WORD_OPERATORS } from './sql-words.js';

export const MAX_TOKENS = 24;

export type SqlContext = 'none' | 'single' | 'double';

export interface SqlToken {
  readonly type: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 36 || c === 46 || c >= 128;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 160;
}

/** Index after a quoted string starting at `from` (the opening quote already consumed); backslash escapes and doubled quotes are honoured. */
function stringEnd(s: string, from: number, quote: number): { end: number; closed: boolean } {
  let i = from;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (s.charCodeAt(i + 1) === quote) {
        i += 2;
        continue;
      }
      return { end: i + 1, closed: true };
    }
    i++;
  }
  return { end: n, closed: false };
}

const OPERATOR_CHARS = '=<>!+-*/%^|&~:';

/** Tokenizes `s` as it would be read after an opening quote (`single`/`double`) or raw (`none`). */
export function tokenizeSql(s: string, context: SqlContext): SqlToken[] {
  const tokens: SqlToken[] = [];
  const n = s.length;
  let i = 0;
  if (context !== 'none') {
    const q = context === 'single' ? 39 : 34;
    const { end } = stringEnd(s, 0, q);
    tokens.push({ type: 's', text: s.slice(0, end), start: 0, end });
    i = end;
  }
  while (i < n && tokens.length < MAX_TOKENS) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    // comments
    if ((c === 45 && s.charCodeAt(i + 1) === 45) || c === 35) {
      // `--` (MySQL wants a space after it, others do not) and `#`: to end of line
      const nl = s.indexOf('\n', i);
      i = nl === -1 ? n : nl + 1;
      tokens.push({ type: 'c', text: s.slice(start, i), start, end: i });
      continue;
    }
    if (c === 47 && s.charCodeAt(i + 1) === 42) {
      if (s.charCodeAt(i + 2) === 33) {
        // MySQL executable comment `/*!50000 ... */`: its body is code
        i += 3;
        while (i < n && isDigit(s.charCodeAt(i))) i++;
        continue;
      }
      const close = s.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 2;
      tokens.push({ type: 'c', text: s.slice(start, i), start, end: i });
      continue;
    }
    if (c === 42 && s.charCodeAt(i + 1) === 47) {
      i += 2; // end of an executable comment
      continue;
    }
    if (c === 39 || c === 34) {
      const { end } = stringEnd(s, i + 1, c);
      i = end;
      tokens.push({ type: 's', text: s.slice(start, i), start, end: i });
      continue;
    }
    if (c === 96 /* ` */ || c === 91 /* [ */) {
      const close = s.indexOf(c === 96 ? '`' : ']', i + 1);
      i = close === -1 ? n : close + 1;
      tokens.push({ type: 'n', text: s.slice(start, i), start, end: i });
      continue;
    }
    if (c === 40 || c === 41 || c === 44 || c === 59) {
      i++;
      tokens.push({ type: s[start] as string, text: s[start] as string, start, end: i });
      continue;
    }
    if (c === 64 /* @ */ || (c === 36 /* $ */ && isDigit(s.charCodeAt(i + 1)))) {
      i++;
      if (s.charCodeAt(i) === 64) i++;
      while (i < n && isWordChar(s.charCodeAt(i))) i++;
      tokens.push({ type: 'v', text: s.slice(start, i), start, end: i });
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(i + 1)))) {
      if (c === 48 && (s.charCodeAt(i + 1) | 0x20) === 120) {
        i += 2;
        while (i < n && /[0-9a-fA-F]/.test(s[i] as string)) i++;
      } else if (c === 48 && (s.charCodeAt(i + 1) | 0x20) === 98 && (s[i + 2] === '0' || s[i + 2] === '1')) {
        i += 2;
        while (i < n && (s[i] === '0' || s[i] === '1')) i++;
      } else {
        while (i < n && (isDigit(s.charCodeAt(i)) || s.charCodeAt(i) === 46)) i++;
        if ((s.charCodeAt(i) | 0x20) === 101) {
          // scientific notation, also MySQL's `1.e(` quirk
          i++;
          if (s[i] === '+' || s[i] === '-') i++;
          while (i < n && isDigit(s.charCodeAt(i))) i++;
        }
      }
      // a number glued to letters (`1abc`) is a word
      if (i < n && isWordChar(s.charCodeAt(i)) && s.charCodeAt(i) !== 46) {
        while (i < n && isWordChar(s.charCodeAt(i))) i++;
        tokens.push({ type: 'n', text: s.slice(start, i), start, end: i });
      } else {
        tokens.push({ type: '1', text: s.slice(start, i), start, end: i });
      }
      continue;
    }
    if (isWordChar(c)) {
      while (i < n && isWordChar(s.charCodeAt(i))) i++;
      const word = s.slice(start, i);
      const lower = word.toLowerCase();
      let j = i;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      let type: string;
      if (lower === 'select') type = 'E';
      else if (SQL_UNION.has(lower)) type = 'U';
      else if (SQL_LOGIC.has(lower)) type = '&';
      else if (SQL_WORD_OPERATORS.has(lower)) type = 'o';
      else if (s.charCodeAt(j) === 40 /* ( */ && (SQL_FUNCTIONS.has(lower) || !SQL_KEYWORDS.has(lower))) type = 'f';
      else if (SQL_KEYWORDS.has(lower)) type = 'k';
      else if (SQL_FUNCTIONS.has(lower) && (s.charCodeAt(j) === 47 || s.charCodeAt(j) === 45)) type = 'f';
      else type = 'n';
      tokens.push({ type, text: word, start, end: i });
      continue;
    }
    if (OPERATOR_CHARS.indexOf(s[i] as string) !== -1) {
      // one operator token for a run of operator characters (`<>`, `!=`, `||`, `:=`)
      const two = s.slice(i, i + 2);
      if (two === '||' || two === '&&') {
        i += 2;
        tokens.push({ type: '&', text: two, start, end: i });
        continue;
      }
      i++;
      while (i < n && i - start < 3 && OPERATOR_CHARS.indexOf(s[i] as string) !== -1 && !(s[i] === '-' && s[i + 1] === '-')) i++;
      tokens.push({ type: 'o', text: s.slice(start, i), start, end: i });
      continue;
    }
    // anything else (`?`, `{`, `}`, `\`, `.`): a separator with no SQL meaning
    i++;
    tokens.push({ type: '?', text: s[start] as string, start, end: i });
  }
  return tokens;
}

/**
 * Folds a token sequence: comments between tokens go (a trailing comment stays: it cuts the rest of the query),
 * adjacent strings merge, a unary sign before a number joins it, and `?` separators go.
 */
export function foldTokens(tokens: readonly SqlToken[]): SqlToken[] {
  const out: SqlToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as SqlToken;
    const prev = out[out.length - 1];
    if (t.type === 'c' && i < tokens.length - 1) continue;
    if (t.type === '?') continue;
    if (t.type === 's' && prev?.type === 's') continue;
    if (t.type === '1' && prev?.type === 'o' && (prev.text === '-' || prev.text === '+') && (out.length === 1 || /[o&(,]/.test(out[out.length - 2]?.type ?? ''))) {
      out[out.length - 1] = { type: '1', text: prev.text + t.text, start: prev.start, end: t.end };
      continue;
    }
    out.push(t);
  }
  return out;
}

/** The fingerprint of a folded token sequence: its types as one string (`s&1o1c`). */
export function fingerprint(tokens: readonly SqlToken[]): string {
  let f = '';
  for (const t of tokens) f += t.type;
  return f;
}

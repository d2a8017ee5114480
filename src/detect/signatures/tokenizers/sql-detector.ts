/**
 * Tokenizer-based SQL injection detection: the value is lexed raw and after an opening single and double quote
 * (`tokenizeSql`), folded, and the fingerprint of each context is matched against the shapes of injections —
 * a string closed and followed by a logic operator, a stacked statement, a comment or a set operator; a
 * numeric value followed by a tautology; a UNION SELECT anywhere; a statement at the start of a value.
 * Prose with apostrophes does not fit these shapes (`It's from me` is `s n k n`, not `s k`), which is why
 * this beats keyword regexes on false positives.
 */
import { fingerprint, foldTokens, tokenizeSql, type SqlContext, type SqlToken } from './sql-tokenizer.js';

export interface SqliHit {
  readonly context: SqlContext;
  readonly fingerprint: string;
  /** The part of the value the matched tokens cover. */
  readonly evidence: string;
  /** Which shape matched. */
  readonly shape: string;
}

/** Shapes after a closed string (quote contexts); each is anchored at the start of the fingerprint. */
const QUOTE_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ['string-logic', /^s\)*&\(*[1svfnE(k&]/],
  ['string-stacked', /^s\)*;\(*[kEfn]/],
  ['string-comment', /^s\)*c$/],
  ['string-terminated', /^s\)*;$/],
  ['string-comment-logic', /^s\)*c[&kEU]/],
  // UNION after a closed string, then SELECT, or running to the end of the value: a quoted phrase that starts
  // with the word (`Die "Union von Europa"`) closes its quote again
  ['string-union', /^s\)*U(?:[(okn]{0,4}E|[^s]*$)/],
  ['string-select', /^s\)*E/],
  ['string-keyword', /^s\)*k[1nsvfk(E]/],
  ['string-compare', /^s\)*o\(*[1svf(]/],
  ['string-concat', /^s\)*o[n]\)*(?:&|c|o|;|$)/],
];

/** Shapes in the raw (numeric) context. */
const RAW_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ['union-select', /U\(*(?:o\(*)?E/],
  ['numeric-tautology', /^[1nv]\)*&\(*[1nsv]\)*o\(*[1nsvf]/],
  ['numeric-logic-function', /^[1nv]\)*&\(*f\(/],
  ['numeric-stacked', /^[1nv]\)*;\(*[kEf]/],
  ['numeric-comment', /^1\)+c$/],
  ['numeric-union', /^[1n]\)*U/],
  ['numeric-keyword', /^1\)*k[1nvfk(]/],
  ['select-statement', /^\(*E(?:[1vfs(]|o[kn]|n,|n?k\(*[nsvf(]|no)/],
  ['statement', /^k(?:k\(*[nvs1]|n[ko(;c])/],
  ['string-tautology', /^s\)*&\(*s\)*o\(*s/],
  ['string-comparison', /^s\)*o\(*s$/],
  ['logic-tautology', /^[1s]\)*o\(*[1s]\)*(?:c|&\(*[1s]o)/],
  ['function-call-chain', /^f\(.*\)(?:&|;|c)/],
  ['stacked-anywhere', /;\(*[kE][nk(v*1]/],
];

/** Keywords that make `statement` a real statement start. */
const STATEMENT_START = /^(?:insert|update|delete|drop|create|alter|truncate|exec|execute|declare|shutdown|grant|revoke|rename|replace|merge|call|waitfor|begin|attach|pragma|load_file)$/i;

function evidenceOf(value: string, tokens: readonly SqlToken[], count: number): string {
  const last = tokens[Math.min(count, tokens.length) - 1];
  const first = tokens[0];
  if (!first || !last) return value.slice(0, 80);
  return value.slice(first.start, Math.max(last.end, first.end)).slice(0, 80);
}

function check(value: string, context: SqlContext): SqliHit | null {
  const tokens = foldTokens(tokenizeSql(value, context));
  if (tokens.length < 2) return null;
  const fp = fingerprint(tokens);
  const shapes = context === 'none' ? RAW_SHAPES : QUOTE_SHAPES;
  for (const [shape, re] of shapes) {
    const m = re.exec(fp);
    if (!m) continue;
    if (shape === 'statement' && !STATEMENT_START.test(tokens[0]?.text ?? '')) continue;
    if (shape === 'string-comparison' && !/^(?:=|!=|<>|<=?|>=?|like|rlike|regexp)$/i.test(tokens.find((t) => t.type === 'o')?.text ?? '')) continue;
    if (shape === 'stacked-anywhere' || shape === 'numeric-stacked') {
      // only a statement after `;` makes a stacked query (`; for http` in a User-Agent does not)
      const semi = tokens.findIndex((t) => t.type === ';');
      const next = tokens.slice(semi + 1).find((t) => t.type !== '(');
      if (!next || !(next.type === 'E' || next.type === 'f' || STATEMENT_START.test(next.text) || /^(?:select|with|set|declare|if|begin|use|show|kill)$/i.test(next.text))) continue;
    }
    if (context !== 'none' && (shape === 'string-keyword' || shape === 'string-compare')) {
      // `'s k`: only keywords that continue a query after a closed string count (not `'s table`)
      if (shape === 'string-keyword' && !/^(?:having|order|group|into|procedure|limit|waitfor|from|where|union|regexp|rlike|div|sounds|collate|like|when|then|else|end|is|in)$/i.test(tokens.find((t) => t.type === 'k')?.text ?? '')) continue;
      // an empty closed string compared to something is what a quote test looks like: `'='`, `'-'`, `'||'`
      if (shape === 'string-compare' && tokens.length < 3) continue;
    }
    // `!` and `~` are prefix operators: a closed string followed by `! name` is not an expression (`"! Y`)
    // (a backtick-quoted identifier after it is still a quote probe: `'!\``)
    if (shape === 'string-concat') {
      const op = tokens.findIndex((t) => t.type === 'o');
      if (/^[!~]$/.test(tokens[op]?.text ?? '') && !(tokens[op + 1]?.text ?? '').startsWith('`')) continue;
      // a word operator, one word, and the end of the value is prose: `id'is notes`
      if (/^[a-z]/i.test(tokens[op]?.text ?? '') && m[0].endsWith('n')) continue;
    }
    return { context, fingerprint: fp, evidence: evidenceOf(value, tokens, m.index + m[0].length), shape };
  }
  return null;
}

function detectInJson(v: unknown, depth: number, budget: { left: number }): SqliHit | null {
  if (budget.left-- <= 0 || depth > 16) return null;
  if (typeof v === 'string') return detectSqli(v);
  if (v === null || typeof v !== 'object') return null;
  for (const [k, x] of Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v)) {
    const hit = (Array.isArray(v) ? null : detectSqli(k)) ?? detectInJson(x, depth + 1, budget);
    if (hit) return hit;
  }
  return null;
}

/** Detects SQL injection in one (decoded) value; null when none of the three contexts looks like one. */
/** Characters with a meaning in SQL beyond words and numbers. */
const SQL_SPECIAL = /['"`;()=<>!|&#*%\\]|--|\/\*|@@/;
/** Words that make a plain-words value worth tokenizing (`1 union select 2`, `drop table users`, `1 or 1`). */
const SQL_WORDS = /\b(?:union|select|insert|update|delete|drop|exec|execute|declare|waitfor|sleep|benchmark|shutdown|truncate|alter|create|or|and|xor|not|having|order|group|where|from|into|like|rlike|regexp|null|case|when|then|limit|procedure|information_schema)\b/i;

export function detectSqli(value: string): SqliHit | null {
  if (value.length < 2) return null;
  if (!SQL_SPECIAL.test(value) && !SQL_WORDS.test(value)) return null;
  const c0 = value.charCodeAt(0);
  if ((c0 === 123 || c0 === 91) && value.length <= 65536) {
    // a JSON document in a parameter (`bpm={"from":1}`): its quotes are JSON's, so inspect its strings instead
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined && typeof parsed === 'object' && parsed !== null) return detectInJson(parsed, 0, { left: 256 });
  }
  const raw = check(value, 'none');
  if (raw) return raw;
  if (value.indexOf("'") !== -1) {
    const single = check(value, 'single');
    if (single) return single;
  }
  if (value.indexOf('"') !== -1) {
    const double = check(value, 'double');
    if (double) return double;
  }
  return null;
}

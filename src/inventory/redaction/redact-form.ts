/**
 * Redaction of `application/x-www-form-urlencoded` text (form bodies, query strings, `#fragment` parameters):
 * each value is decoded and checked under its parameter name; only sensitive values are re-encoded masked,
 * everything else keeps its original bytes.
 */
import { safeDecode } from '../../core/index.js';
import type { RedactOptions } from './mask.js';
import type { LeafRedactor } from './redact-json.js';

/** Percent-encodes a masked value for a form or query, keeping the mask characters readable (`[REDACTED]`, `*`, `@`). */
export function encodeFormValue(value: string): string {
  return encodeURIComponent(value).replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/%40/g, '@').replace(/%20/g, '+');
}

/** `text` (`a=1&b=2`) with the sensitive values masked. A part without `=` is checked as a value without a name. */
export function redactForm(text: string, redactLeaf: LeafRedactor, options: RedactOptions): string {
  if (!text) return text;
  let out = '';
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('&', start);
    if (end === -1) end = n;
    if (end > start) {
      const part = text.slice(start, end);
      const eq = part.indexOf('=');
      if (eq === -1) {
        const value = safeDecode(part, true);
        const masked = redactLeaf(value, undefined, options);
        out += masked === value ? part : encodeFormValue(masked);
      } else {
        const rawValue = part.slice(eq + 1);
        const value = safeDecode(rawValue, true);
        const masked = value ? redactLeaf(value, safeDecode(part.slice(0, eq), true), options) : value;
        out += masked === value ? part : `${part.slice(0, eq + 1)}${encodeFormValue(masked)}`;
      }
    } else {
      out += text.slice(start, end);
    }
    if (end < n) out += '&';
    start = end + 1;
  }
  return out;
}

/**
 * Structural redaction of a JSON text: every string and number leaf is checked with the name of the property
 * it belongs to (array elements inherit the array's name), and only the sensitive leaves are rewritten — the
 * rest of the text (whitespace, key order, big numbers) is kept byte for byte. Property names that are
 * themselves sensitive (an email used as a key) are masked too. Nested JSON inside strings is caught by the
 * free-text scan of long string leaves.
 */
import { type RedactOptions } from './mask.js';

/** Larger JSON texts are redacted by the free-text scan instead (which also finds `"key": "value"` pairs). */
export const MAX_STRUCTURED_JSON = 8 * 1024 * 1024;

/** Redacts one leaf: `value` under the property `name`; returns the (possibly) masked value. */
export type LeafRedactor = (value: string, name: string | undefined, options: RedactOptions) => string;

interface Frame {
  readonly obj: boolean;
  /** Objects: the current property name; arrays: the name the array was stored under. */
  name: string | undefined;
}

/**
 * `text` with sensitive leaves masked, or undefined when `text` is not valid JSON (or too large to walk) so
 * the caller falls back to the free-text scan.
 */
export function redactJson(text: string, redactLeaf: LeafRedactor, options: RedactOptions): string | undefined {
  if (text.length > MAX_STRUCTURED_JSON) return undefined;
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  const n = text.length;
  const stack: Frame[] = [];
  let out = '';
  let last = 0;
  let expectKey = false;
  let i = 0;
  const valueName = (): string | undefined => stack[stack.length - 1]?.name;
  const replace = (start: number, end: number, masked: string): void => {
    out += text.slice(last, start) + masked;
    last = end;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const obj = c === 123;
      stack.push({ obj, name: obj ? undefined : valueName() });
      expectKey = obj;
      i++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
      expectKey = false;
      i++;
    } else if (c === 44 /* , */) {
      expectKey = stack[stack.length - 1]?.obj ?? false;
      i++;
    } else if (c === 58 /* : */) {
      expectKey = false;
      i++;
    } else if (c === 34 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92 /* \ */) {
          escaped = true;
          j += 2;
          continue;
        }
        if (d === 34) break;
        j++;
      }
      const raw = text.slice(i, j + 1);
      const decoded = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      if (expectKey) {
        const top = stack[stack.length - 1];
        if (top) top.name = decoded;
        if (decoded.length >= 6) {
          const maskedKey = redactLeaf(decoded, undefined, options);
          if (maskedKey !== decoded) replace(i, j + 1, JSON.stringify(maskedKey));
        }
      } else {
        const masked = redactLeaf(decoded, valueName(), options);
        if (masked !== decoded) replace(i, j + 1, JSON.stringify(masked));
      }
      i = j + 1;
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) j++;
        else break;
      }
      // only long integers can be sensitive (card numbers, SSNs, phone numbers in a named field)
      if (j - i >= 7) {
        const num = text.slice(i, j);
        const masked = redactLeaf(num, valueName(), options);
        if (masked !== num) replace(i, j, JSON.stringify(masked));
      }
      i = j;
    } else {
      i++;
    }
  }
  return out + text.slice(last);
}

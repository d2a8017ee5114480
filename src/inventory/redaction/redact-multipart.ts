/**
 * Redaction of `multipart/form-data` bodies: each part's content is checked under the part's field name
 * (`Content-Disposition: form-data; name="password"`); part headers and boundaries are kept. File parts
 * (with a `filename`) are scanned as free text.
 */
import type { RedactOptions } from './mask.js';
import type { LeafRedactor } from './redact-json.js';

/** Most parts looked at; later ones are scanned as free text with the rest of the body. */
export const MAX_PARTS = 1_000;

/**
 * `text` with each part's content redacted, or undefined when it does not look like multipart (no leading
 * `--boundary` line), so the caller scans it as free text.
 */
export function redactMultipart(text: string, redactLeaf: LeafRedactor, redactText: (t: string) => string, options: RedactOptions): string | undefined {
  if (!text.startsWith('--')) return undefined;
  const eol = text.indexOf('\n');
  if (eol === -1 || eol > 200) return undefined;
  const boundary = text.slice(0, text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol);
  if (boundary.length < 3 || /\s/.test(boundary)) return undefined;
  const delimiter = `\n${boundary}`;
  let out = '';
  let pos = 0; // start of the current part (just after its boundary line)
  let parts = 0;
  out += text.slice(0, eol + 1);
  pos = eol + 1;
  while (pos < text.length) {
    const next = text.indexOf(delimiter, pos);
    if (next === -1 || parts++ >= MAX_PARTS) {
      out += redactText(text.slice(pos));
      return out;
    }
    // the part content ends before the CRLF/LF that precedes the next boundary
    const contentEnd = text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    const part = text.slice(pos, contentEnd);
    const headerEnd = part.search(/\r?\n\r?\n/);
    if (headerEnd === -1) {
      out += redactText(part);
    } else {
      const sepLen = part.startsWith('\r\n\r\n', headerEnd) ? 4 : part.startsWith('\n\r\n', headerEnd) || part.startsWith('\r\n\n', headerEnd) ? 3 : 2;
      const headers = part.slice(0, headerEnd);
      const content = part.slice(headerEnd + sepLen);
      const name = /(?:^|[;\s])name="([^"]{0,200})"/i.exec(headers)?.[1];
      const isFile = /filename\*?=/i.test(headers);
      const masked = isFile || name === undefined ? redactText(content) : redactLeaf(content, name, options);
      out += part.slice(0, headerEnd + sepLen) + masked;
    }
    out += text.slice(contentEnd, next + 1);
    pos = next + 1;
    // the boundary line itself, up to and including its line break
    const lineEnd = text.indexOf('\n', pos);
    if (lineEnd === -1) {
      out += text.slice(pos);
      return out;
    }
    out += text.slice(pos, lineEnd + 1);
    pos = lineEnd + 1;
  }
  return out;
}

/**
 * A bounded `multipart/form-data` parser (RFC 7578) over a buffered body: parts with their field name, file name,
 * media type and content. The gateway buffers bodies up to its limit anyway, so no streaming is needed here.
 */

export interface MultipartPart {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly content: string;
}

export interface MultipartLimits {
  /** Most parts read (default 1,000). */
  readonly maxParts?: number;
  /** Largest header block of one part in characters (default 16 KiB). */
  readonly maxHeaderSize?: number;
}

export type MultipartResult = { readonly ok: true; readonly parts: MultipartPart[] } | { readonly ok: false; readonly error: string };

const PARAM = /;\s*([A-Za-z0-9_.*-]+)\s*=("(?:[^"\\]|\\.)*"|[^;]*)/g;

/** The `boundary` parameter of a multipart Content-Type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  for (const m of contentType.matchAll(PARAM)) {
    if ((m[1] as string).toLowerCase() === 'boundary') return unquote((m[2] as string).trim());
  }
  return undefined;
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s;
}

/** Parses a multipart body; a malformed body is an error value naming what is wrong. */
export function parseMultipart(text: string, boundary: string, limits: MultipartLimits = {}): MultipartResult {
  const maxParts = limits.maxParts ?? 1000;
  const maxHeader = limits.maxHeaderSize ?? 16 * 1024;
  if (boundary === '' || boundary.length > 70) return { ok: false, error: 'missing or invalid boundary (RFC 2046: 1-70 characters)' };
  const delim = `--${boundary}`;
  let pos = text.indexOf(delim);
  if (pos === -1) return { ok: false, error: 'the boundary does not occur in the body' };
  const parts: MultipartPart[] = [];
  for (;;) {
    pos += delim.length;
    if (text.startsWith('--', pos)) return { ok: true, parts };
    // transport padding, then the line break after the delimiter
    while (text[pos] === ' ' || text[pos] === '\t') pos++;
    if (text.startsWith('\r\n', pos)) pos += 2;
    else if (text[pos] === '\n') pos += 1;
    else return { ok: false, error: `expected a line break after the boundary at offset ${pos}` };
    if (parts.length >= maxParts) return { ok: false, error: `more than ${maxParts} parts` };
    let headerEnd = text.indexOf('\r\n\r\n', pos);
    let bodyStart = headerEnd + 4;
    const lf = text.indexOf('\n\n', pos);
    if (lf !== -1 && (headerEnd === -1 || lf < headerEnd)) {
      headerEnd = lf;
      bodyStart = lf + 2;
    }
    if (text.startsWith('\r\n', pos) || text[pos] === '\n') {
      // a part without headers
      headerEnd = pos;
      bodyStart = text.startsWith('\r\n', pos) ? pos + 2 : pos + 1;
    }
    if (headerEnd === -1) return { ok: false, error: 'part headers are not terminated by an empty line' };
    if (headerEnd - pos > maxHeader) return { ok: false, error: `part headers longer than ${maxHeader} characters` };
    let name: string | undefined;
    let filename: string | undefined;
    let contentType: string | undefined;
    for (const line of text.slice(pos, headerEnd).split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon === -1) continue;
      const h = line.slice(0, colon).trim().toLowerCase();
      const v = line.slice(colon + 1).trim();
      if (h === 'content-disposition') {
        for (const m of `;${v.slice(v.indexOf(';') + 1)}`.matchAll(PARAM)) {
          const key = (m[1] as string).toLowerCase();
          if (key === 'name') name = unquote((m[2] as string).trim());
          else if (key === 'filename') filename = unquote((m[2] as string).trim());
        }
      } else if (h === 'content-type') {
        contentType = v;
      }
    }
    let next = text.indexOf(`\r\n${delim}`, bodyStart);
    let contentEnd = next;
    if (next === -1) {
      next = text.indexOf(`\n${delim}`, bodyStart);
      contentEnd = next;
      if (next === -1) return { ok: false, error: 'the closing boundary is missing (body truncated?)' };
      pos = next + 1;
    } else {
      pos = next + 2;
    }
    if (name === undefined) return { ok: false, error: `part ${parts.length + 1} has no Content-Disposition name` };
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), ...(contentType !== undefined ? { contentType } : {}), content: text.slice(bodyStart, contentEnd) });
  }
}

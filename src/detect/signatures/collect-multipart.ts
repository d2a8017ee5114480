/**
 * multipart/form-data bodies (RFC 7578) held in memory: each part's name, its value (text parts, and file
 * contents up to the value limit), its file name, and its part headers. A pure, synchronous splitter: the
 * body is already buffered by the time the engine inspects it, so a streaming parser would add nothing.
 */
import type { CollectLimits } from './collect-json.js';
import type { Target } from './types.js';

/** The boundary parameter of a multipart Content-Type, or undefined. */
export function multipartBoundary(contentType: string): string | undefined {
  const m = /;\s{0,16}boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const lower = disposition.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf(`${param}=`, from);
    if (at === -1) return undefined;
    const before = lower.charCodeAt(at - 1);
    from = at + param.length + 1;
    // `name=` must not be the tail of `filename=`
    if (at > 0 && before !== 59 /* ; */ && before !== 32 && before !== 9) continue;
    if (disposition[from] === '"') {
      const end = disposition.indexOf('"', from + 1);
      return disposition.slice(from + 1, end === -1 ? undefined : end);
    }
    const end = disposition.indexOf(';', from);
    return disposition.slice(from, end === -1 ? undefined : end).trim();
  }
}

/** Adds the targets of a multipart body to `out`. Returns false when no part was found. */
export function collectMultipart(text: string, boundary: string, out: Target[], limits: CollectLimits): boolean {
  const delimiter = `--${boundary}`;
  let pos = text.indexOf(delimiter);
  if (pos === -1) return false;
  let parts = 0;
  while (pos !== -1 && limits.remaining > 0) {
    const start = pos + delimiter.length;
    if (text.startsWith('--', start)) break; // closing delimiter
    const next = text.indexOf(delimiter, start);
    const part = text.slice(start, next === -1 ? text.length : next);
    pos = next;
    const headerEnd = part.search(/\r?\n\r?\n/);
    const head = headerEnd === -1 ? part : part.slice(0, headerEnd);
    let body = headerEnd === -1 ? '' : part.slice(headerEnd).replace(/^\r?\n\r?\n/, '');
    if (body.endsWith('\r\n')) body = body.slice(0, -2);
    else if (body.endsWith('\n')) body = body.slice(0, -1);
    let name = '';
    let filename: string | undefined;
    const headers: Array<[string, string]> = [];
    for (const line of head.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const hn = line.slice(0, colon).trim().toLowerCase();
      const hv = line.slice(colon + 1).trim();
      headers.push([hn, hv]);
      if (hn === 'content-disposition') {
        name = dispositionParam(hv, 'name') ?? '';
        filename = dispositionParam(hv, 'filename');
      }
    }
    parts++;
    const loc = `multipart:${name}`;
    const add = (t: Target) => {
      if (limits.remaining-- > 0) out.push(t);
    };
    add({ kind: 'name', location: loc, value: name });
    if (filename !== undefined) add({ kind: 'filename', location: `${loc}#filename`, value: filename, name });
    for (const [hn, hv] of headers) if (hn !== 'content-disposition') add({ kind: 'header', location: `${loc}#${hn}`, value: hv, name: hn });
    add({ kind: 'arg', location: loc, value: body, name });
  }
  if (limits.remaining <= 0) limits.cut ??= 'too many values to inspect';
  return parts > 0;
}

/**
 * One raw HTTP/1.x request message (its header block as latin-1 text, and its body bytes) -> an exchange.
 * Pure. The request-target is kept exactly as written (percent-escapes such as the CSIC corpus's latin-1
 * `%F1` are not decoded). Bodies that are not UTF-8 are read as latin-1; binary media types stay base64.
 */
import type { Body, Exchange, Header } from '../../core/index.js';
import { mediaType, normaliseHost } from '../../core/index.js';
import { parseRequestLine } from '../access-log/log-fields.js';
import { bytesBody, isBinaryMediaType, textBody } from '../body.js';
import { clip } from '../clip.js';
import type { LineRef } from '../line-ref.js';
import { isUtf8 } from 'node:buffer';

export interface RawHead {
  readonly method: string;
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly target: string;
  readonly httpVersion?: string;
  readonly headers: Header[];
}

/** Parses a header block (request line + header lines, no blank line); a reason string when it is not a request. */
export function parseRawHead(head: string): RawHead | string {
  const lines = head.split('\n');
  const first = stripCr(lines[0] ?? '');
  const req = parseRequestLine(first);
  if (typeof req === 'string') return `${req}: "${clip(first)}"`;
  if (req.httpVersion === undefined) return `the request line has no HTTP version: "${clip(first)}"`;
  const headers: Header[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = stripCr(lines[i] as string);
    if (line.length === 0) continue;
    const c = line.charCodeAt(0);
    if ((c === 0x20 || c === 0x09) && headers.length > 0) {
      // obsolete line folding (RFC 9112 §5.2): the line continues the previous value
      const last = headers[headers.length - 1] as Header;
      headers[headers.length - 1] = [last[0], `${last[1]} ${line.trim()}`];
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a header line: ignored, the rest of the message is kept
    headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  let host = req.host;
  if (!host) {
    for (const [n, v] of headers) if (n === 'host') {
      host = normaliseHost(v, req.scheme);
      break;
    }
  }
  return { method: req.method, scheme: req.scheme, host, target: req.target, httpVersion: req.httpVersion, headers };
}

/** The exchange for a parsed head and its body bytes (`bodySize` = the whole body when only a prefix was kept). */
export function rawRequestExchange(head: RawHead, body: Buffer | undefined, bodySize: number, at: LineRef, maxBodyBytes: number): Exchange {
  let b: Body | undefined;
  if (body && bodySize > 0) {
    const media = mediaType(head.headers);
    if (isBinaryMediaType(media) || body.indexOf(0) !== -1) b = bytesBody(body, maxBodyBytes, media, bodySize);
    else {
      const text = isUtf8(body) ? body.toString('utf8') : body.toString('latin1');
      const t = textBody(text, maxBodyBytes);
      // size counts the bytes as sent (a latin-1 byte may take two bytes once decoded to UTF-8)
      b = { text: t.text, size: bodySize, truncated: t.truncated || bodySize > body.length };
    }
  }
  return {
    time: 0,
    client: {},
    request: {
      method: head.method,
      scheme: head.scheme,
      host: head.host,
      target: head.target,
      headers: head.headers,
      ...(b ? { body: b } : {}),
      ...(head.httpVersion ? { httpVersion: head.httpVersion } : {}),
    },
    source: { kind: 'raw-http', file: at.file, position: `line ${at.line}` },
  };
}

function stripCr(s: string): string {
  return s.length > 0 && s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s;
}

/** Minimal raw HTTP/1.x request reader for benchmark corpora (CRS `encoded_request` cases, CSIC): request line, headers, body. */
import type { Exchange, Header } from '../../src/core/index.js';

export function parseRawRequest(raw: string, kind: Exchange['source']['kind'] = 'test'): Exchange | null {
  const sep = raw.search(/\r?\n\r?\n/);
  const head = sep === -1 ? raw : raw.slice(0, sep);
  const body = sep === -1 ? '' : raw.slice(sep).replace(/^\r?\n\r?\n/, '');
  const lines = head.split(/\r?\n/);
  const first = lines.shift() ?? '';
  const m = /^(\S+)\s+(\S+)(?:\s+(HTTP\/\d(?:\.\d)?))?/.exec(first);
  if (!m) return null;
  let target = m[2] as string;
  let host = '';
  const abs = /^https?:\/\/([^/]+)(\/.*)?$/i.exec(target);
  if (abs) {
    host = (abs[1] as string).toLowerCase();
    target = abs[2] ?? '/';
  }
  const headers: Header[] = [];
  for (const line of lines) {
    const c = line.indexOf(':');
    if (c <= 0) continue;
    const name = line.slice(0, c).trim().toLowerCase();
    const value = line.slice(c + 1).trim();
    headers.push([name, value]);
    if (name === 'host' && !host) host = value.toLowerCase();
  }
  return {
    time: 0,
    client: {},
    source: { kind },
    request: { method: (m[1] as string).toUpperCase(), scheme: 'http', host, target, headers, ...(m[3] ? { httpVersion: m[3] } : {}), ...(body ? { body: { text: body, size: body.length, truncated: false } } : {}) },
  };
}

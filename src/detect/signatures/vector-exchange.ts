/**
 * Places a rule vector where its target kind is collected from (a JSON leaf or key, a header, a cookie, a
 * multipart file name, the path, a raw body, an XML DOCTYPE), so that vectors run through the whole engine.
 */
import type { Exchange, Header } from '../../core/index.js';
import type { TargetKind, ValueRule, VectorCase } from './types.js';

export function vectorExchange(rule: ValueRule, v: string | VectorCase): Exchange {
  const c: VectorCase = typeof v === 'string' ? { value: v } : v;
  const kind: TargetKind = c.kind ?? (rule.targets[0] as TargetKind);
  const headers: Header[] = [['host', 'api.example.com']];
  let method = 'GET';
  let target = '/test';
  let body: string | undefined;
  switch (kind) {
    case 'arg':
      method = 'POST';
      headers.push(['content-type', 'application/json']);
      body = JSON.stringify({ [c.name ?? 'v']: c.value });
      break;
    case 'name':
      method = 'POST';
      headers.push(['content-type', 'application/json']);
      body = JSON.stringify({ [c.value]: 'x' });
      break;
    case 'header':
      headers.push([c.name ?? rule.headers?.[0] ?? 'x-test', c.value]);
      break;
    case 'cookie':
      headers.push(['cookie', `${c.name ?? 'c'}=${c.value}`]);
      break;
    case 'filename':
      method = 'POST';
      headers.push(['content-type', 'multipart/form-data; boundary=XyZ']);
      body = `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="${c.value}"\r\nContent-Type: application/octet-stream\r\n\r\ndata\r\n--XyZ--\r\n`;
      break;
    case 'path':
      target = c.value.startsWith('/') ? c.value : `/${c.value}`;
      break;
    case 'body':
      method = 'POST';
      headers.push(['content-type', 'application/octet-stream']);
      body = c.value;
      break;
    case 'xml-decl':
      method = 'POST';
      headers.push(['content-type', 'application/xml']);
      body = `<?xml version="1.0"?>${c.value}<r>x</r>`;
      break;
  }
  return {
    time: 0,
    client: {},
    source: { kind: 'test' },
    request: { method, scheme: 'http', host: 'api.example.com', target, headers, ...(body === undefined ? {} : { body: { text: body, size: body.length, truncated: false } }) },
  };
}

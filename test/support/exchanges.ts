/**
 * Builds exchanges for tests: `makeExchange('GET', 'https://api.example.com/users/1?x=1', { status: 200, responseJson: {...} })`.
 */
import type { Exchange, Header } from '../../src/core/index.js';

export interface ExchangeSpec {
  readonly status?: number;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  readonly requestJson?: unknown;
  readonly requestBody?: { readonly text: string; readonly type: string };
  readonly responseJson?: unknown;
  readonly responseBody?: { readonly text: string; readonly type: string };
  readonly responseHeaders?: ReadonlyArray<readonly [string, string]>;
  readonly time?: number;
  /** No response at all (access log without status, or a dropped connection). */
  readonly noResponse?: boolean;
}

export function makeExchange(method: string, url: string, spec: ExchangeSpec = {}): Exchange {
  const u = new URL(url);
  const reqHeaders: Header[] = (spec.headers ?? []).map(([n, v]) => [n.toLowerCase(), v] as const);
  let body;
  if (spec.requestJson !== undefined || spec.requestBody) {
    const text = spec.requestBody ? spec.requestBody.text : JSON.stringify(spec.requestJson);
    reqHeaders.push(['content-type', spec.requestBody ? spec.requestBody.type : 'application/json']);
    body = { text, size: Buffer.byteLength(text), truncated: false };
  }
  let response;
  if (!spec.noResponse) {
    const resHeaders: Header[] = (spec.responseHeaders ?? []).map(([n, v]) => [n.toLowerCase(), v] as const);
    let rb;
    if (spec.responseJson !== undefined || spec.responseBody) {
      const text = spec.responseBody ? spec.responseBody.text : JSON.stringify(spec.responseJson);
      resHeaders.push(['content-type', spec.responseBody ? spec.responseBody.type : 'application/json; charset=utf-8']);
      rb = { text, size: Buffer.byteLength(text), truncated: false };
    }
    response = { status: spec.status ?? 200, headers: resHeaders, ...(rb ? { body: rb } : {}) };
  }
  return {
    time: spec.time ?? 1_700_000_000_000,
    client: { ip: '127.0.0.1' },
    request: {
      method,
      scheme: u.protocol === 'http:' ? 'http' : 'https',
      host: u.host.toLowerCase(),
      target: `${u.pathname}${u.search}`,
      headers: reqHeaders,
      ...(body ? { body } : {}),
    },
    ...(response ? { response } : {}),
    source: { kind: 'test' },
  };
}

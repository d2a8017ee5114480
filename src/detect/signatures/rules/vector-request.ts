/** Builds small exchanges for the vectors of request-level rules (pure data, no I/O). */
import type { Exchange, Header } from '../../../core/index.js';

export function vectorRequest(init: { method?: string; target?: string; headers?: ReadonlyArray<readonly [string, string]>; body?: string }): Exchange {
  const headers: Header[] = (init.headers ?? []).map(([n, v]) => [n.toLowerCase(), v] as const);
  return {
    time: 0,
    client: {},
    source: { kind: 'test' },
    request: {
      method: init.method ?? 'GET',
      scheme: 'http',
      host: 'api.example.com',
      target: init.target ?? '/',
      headers,
      ...(init.body === undefined ? {} : { body: { text: init.body, size: init.body.length, truncated: false } }),
    },
  };
}

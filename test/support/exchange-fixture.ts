/**
 * Hand-made exchanges for the checks' judge vectors (test support; not used by the runner).
 */
import type { Header } from '../../src/core/index.js';
import type { TestAuth, TestExchange } from '../../src/testing/test-request.js';

export interface ExchangeSpec {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly ms?: number;
  readonly method?: string;
  readonly path?: string;
  readonly auth?: TestAuth;
  /** No response at all (transport error). */
  readonly error?: string;
  readonly url?: string;
}

/** An exchange: JSON bodies are serialised, strings kept. */
export function ex(s: ExchangeSpec = {}): TestExchange {
  const body = s.body === undefined ? '' : typeof s.body === 'string' ? s.body : JSON.stringify(s.body);
  const headers: Header[] = Object.entries(s.headers ?? (typeof s.body === 'object' ? { 'content-type': 'application/json' } : {})).map(([n, v]) => [n.toLowerCase(), v]);
  const path = s.path ?? '/x';
  return {
    request: { method: s.method ?? 'GET', path, query: [], headers: [], auth: s.auth ?? { kind: 'none' } },
    url: s.url ?? `http://api.test${path}`,
    sentHeaders: [],
    sentBody: '',
    ...(s.error ? { error: s.error } : { response: { status: s.status ?? 200, headers, body, size: body.length, truncated: false } }),
    ms: s.ms ?? 5,
    time: 0,
  };
}

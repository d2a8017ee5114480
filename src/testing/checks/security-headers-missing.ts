/**
 * API8 security misconfiguration: API responses lack the headers that stop browsers and caches from misusing
 * them — `X-Content-Type-Options: nosniff` on every response, `Cache-Control: no-store` on responses to
 * authenticated requests, `Strict-Transport-Security` over HTTPS (OWASP REST Security Cheat Sheet). Passive.
 */
import { headerValue } from '../../core/index.js';
import type { Check, Probe, ProbeResults } from '../check.js';
import { isSuccess, type TestExchange } from '../test-request.js';

export const securityHeadersMissing: Check = {
  id: 'security-headers-missing',
  title: 'Security headers missing',
  owasp: 'API8:2023',
  cwe: 'CWE-693',
  severity: 'low',
  intrusive: false,
  scope: 'api',
  description: 'Successful API responses lack X-Content-Type-Options: nosniff, Cache-Control: no-store (when authenticated) or Strict-Transport-Security (over HTTPS).',
  fix: 'Send X-Content-Type-Options: nosniff and Cache-Control: no-store on API responses (private data must not be cached), and HSTS over HTTPS.',
  async *probes(t) {
    const ok = t.observed().filter((x) => isSuccess(x));
    const x = ok.find((e) => e.request.auth.kind === 'identity' && missingHeaders(e).length) ?? ok.find((e) => missingHeaders(e).length);
    if (!x) return;
    const operation = t.operations.find((o) => o.op === x.request.operation);
    yield { label: 'response headers', key: 'headers', ...(operation ? { operation } : {}), steps: [{ name: 'attack', exchange: x }] } satisfies Probe;
  },
  judge: (r: ProbeResults) => {
    const missing = missingHeaders(r.attack);
    if (!isSuccess(r.attack) || missing.length === 0) return undefined;
    return { message: `the response lacks ${missing.join(', ')}` };
  },
};

/** The protective headers a response lacks. */
export function missingHeaders(x: TestExchange | undefined): string[] {
  const h = x?.response?.headers ?? [];
  const out: string[] = [];
  if ((headerValue(h, 'x-content-type-options') ?? '').trim().toLowerCase() !== 'nosniff') out.push('X-Content-Type-Options: nosniff');
  const authenticated = x?.request.auth.kind === 'identity';
  const cache = (headerValue(h, 'cache-control') ?? '').toLowerCase();
  if (authenticated && !cache.includes('no-store')) out.push('Cache-Control: no-store');
  if (x?.url.startsWith('https:') && !headerValue(h, 'strict-transport-security')) out.push('Strict-Transport-Security');
  return out;
}

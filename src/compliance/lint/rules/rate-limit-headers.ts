import type { LintRule, RuleHit } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { isObj, operationAt } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** IETF `RateLimit`/`RateLimit-Policy` (and the older `RateLimit-Limit`…), `X-RateLimit-*`, `X-Rate-Limit-*`. */
const RATE_LIMIT_HEADER = /^(x-)?rate-?limit/i;

/** 2xx and 429 responses document rate-limit headers (and 429 a `Retry-After`). */
export const rateLimitHeaders: LintRule = {
  id: 'rate-limit-headers',
  severity: 'info',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'Rate-limit headers are documented',
  description:
    'Documented `RateLimit` / `X-RateLimit-*` headers on successful and 429 responses (and `Retry-After` on 429) tell clients their quota, so well-behaved clients back off instead of hammering the API, and show that a limit exists.',
  fix: 'Document `RateLimit` and `RateLimit-Policy` (IETF draft) or `X-RateLimit-Limit`/`-Remaining`/`-Reset` on 2xx and 429 responses, and `Retry-After` on 429.',
  given: OPERATIONS,
  overlaps: ['owasp:api4:2023-rate-limit', 'owasp:api4:2023-rate-limit-retry-after'],
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op || !isObj(op.op.responses)) return [];
    const hits: RuleHit[] = [];
    for (const [status, r] of Object.entries(op.op.responses)) {
      if (!isObj(r) || !(/^2/.test(status) || status === '429')) continue;
      const names = isObj(r.headers) ? Object.keys(r.headers) : [];
      const missing: string[] = [];
      if (!names.some((n) => RATE_LIMIT_HEADER.test(n))) missing.push('RateLimit');
      if (status === '429' && !names.some((n) => n.toLowerCase() === 'retry-after')) missing.push('Retry-After');
      if (missing.length) hits.push({ message: `Response ${status} of ${op.method.toUpperCase()} ${op.pathKey} documents no ${missing.join(' or ')} header.`, path: [...op.at, 'responses', status] });
    }
    return hits;
  },
  vectors: {
    fire: [{ document: vectorSpec({ '/a': { get: { responses: { 200: ok, 429: { description: 'slow down', headers: { 'RateLimit': { schema: { type: 'string' } } } } } } } }), at: ["$.paths['/a'].get.responses['200']", "$.paths['/a'].get.responses['429']"] }],
    pass: [
      vectorSpec({
        '/a': {
          get: {
            responses: {
              200: { description: 'ok', headers: { 'X-RateLimit-Remaining': { schema: { type: 'integer' } } } },
              429: { description: 'slow down', headers: { 'Retry-After': { schema: { type: 'integer' } }, RateLimit: { schema: { type: 'string' } } } },
              404: ok,
            },
          },
        },
      }),
    ],
  },
};

import type { LintRule } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { operationAt, responseCodes } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** Every operation documents its rate limit with a 429 response. */
export const rateLimitResponse: LintRule = {
  id: 'rate-limit-response',
  severity: 'warn',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'Operations declare 429 Too Many Requests',
  description: 'An operation with no 429 response documents no rate limit: credential stuffing, scraping and resource exhaustion meet no stated limit, and clients have no back-off contract.',
  fix: 'Rate-limit the operation and document a `429` response with `Retry-After` and `RateLimit` headers.',
  given: OPERATIONS,
  overlaps: ['owasp:api4:2023-rate-limit-responses-429'],
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op) return [];
    const codes = responseCodes(op).map((c) => c.toUpperCase());
    if (codes.includes('429') || codes.includes('4XX')) return [];
    return [{ message: `${op.method.toUpperCase()} ${op.pathKey} declares no 429 (rate limit) response.`, path: [...op.at, 'responses'] }];
  },
  vectors: {
    fire: [{ document: vectorSpec({ '/a': { get: { responses: { 200: ok, 400: ok } } } }), at: ["$.paths['/a'].get.responses"] }],
    pass: [vectorSpec({ '/a': { get: { responses: { 200: ok, 429: ok } } } })],
  },
};

import type { LintRule } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { isObj, operationAt } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

const SUNSET_TEXT = /\b(sunset|removed|removal|decommission(ed)?|retire[sd]?|end[- ]of[- ]life|eol)\b/i;

/** Deprecated operations say when they go away: `x-sunset`, a `Sunset` response header, or the description. */
export const deprecatedWithoutSunset: LintRule = {
  id: 'deprecated-without-sunset',
  severity: 'info',
  owasp: 'API9:2023',
  cwe: null,
  title: 'Deprecated operations announce a sunset',
  description:
    'A deprecated operation without a removal date stays in production indefinitely: an unmaintained "zombie" endpoint with old, weaker behaviour that attackers look for (improper inventory management, API9:2023).',
  fix: 'Add `x-sunset: <date>` to the operation, document the `Sunset` response header (RFC 8594), or state the removal date in the description — then remove the operation on that date.',
  given: OPERATIONS,
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op || op.op.deprecated !== true) return [];
    if (op.op['x-sunset'] !== undefined || op.op['x-sunset-date'] !== undefined) return [];
    const text = `${typeof op.op.description === 'string' ? op.op.description : ''} ${typeof op.op.summary === 'string' ? op.op.summary : ''}`;
    if (SUNSET_TEXT.test(text)) return [];
    const responses = isObj(op.op.responses) ? Object.values(op.op.responses) : [];
    if (responses.some((r) => isObj(r) && isObj(r.headers) && Object.keys(r.headers).some((h) => h.toLowerCase() === 'sunset'))) return [];
    return [{ message: `Deprecated ${op.method.toUpperCase()} ${op.pathKey} announces no sunset (x-sunset, Sunset header or date in the description).`, path: [...op.at, 'deprecated'] }];
  },
  vectors: {
    fire: [{ document: vectorSpec({ '/v1/a': { get: { deprecated: true, description: 'Old listing.', responses: { 200: ok } } } }), at: ["$.paths['/v1/a'].get.deprecated"] }],
    pass: [
      vectorSpec({
        '/v1/a': { get: { deprecated: true, 'x-sunset': '2026-01-31', responses: { 200: ok } } },
        '/v1/b': { get: { deprecated: true, responses: { 200: { description: 'ok', headers: { Sunset: { schema: { type: 'string' } } } } } } },
        '/v1/c': { get: { deprecated: true, description: 'Will be removed on 2026-06-30.', responses: { 200: ok } } },
        '/v2/a': { get: { responses: { 200: ok } } },
      }),
    ],
  },
};

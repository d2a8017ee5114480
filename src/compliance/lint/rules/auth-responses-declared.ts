import type { LintRule } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { isSecured, operationAt, responseCodes } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

const schemes = { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }, security: [{ bearer: [] }] };

/** Secured operations document what happens without valid credentials (401) and without the right (403). */
export const authResponsesDeclared: LintRule = {
  id: 'auth-responses-declared',
  severity: 'warn',
  owasp: 'API8:2023',
  cwe: null,
  title: 'Secured operations declare 401 and 403',
  description:
    'A secured operation that documents no 401/403 leaves clients and contract tests guessing how authentication and authorisation failures look, and hides whether the API checks them at all.',
  fix: 'Add `401` (missing or invalid credentials) and `403` (authenticated but not allowed) responses, or a `4XX` range response, with an error schema.',
  given: OPERATIONS,
  overlaps: ['owasp:api8:2023-define-error-responses-401'],
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op || !isSecured(root, op)) return [];
    const codes = responseCodes(op).map((c) => c.toUpperCase());
    if (codes.includes('4XX')) return [];
    const missing = ['401', '403'].filter((c) => !codes.includes(c));
    if (missing.length === 0) return [];
    return [{ message: `Secured ${op.method.toUpperCase()} ${op.pathKey} declares no ${missing.join(' or ')} response.`, path: [...op.at, 'responses'] }];
  },
  vectors: {
    fire: [{ document: vectorSpec({ '/a': { get: { responses: { 200: ok, 401: ok } } } }, schemes), at: ["$.paths['/a'].get.responses"] }],
    pass: [
      vectorSpec({ '/a': { get: { responses: { 200: ok, 401: ok, 403: ok } } } }, schemes),
      vectorSpec({ '/a': { get: { security: [], responses: { 200: ok } } } }, schemes),
    ],
  },
};

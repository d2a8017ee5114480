import type { LintRule } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { operationAt, responseCodes } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** Every operation declares at least one error response (4xx, 5xx or `default`). */
export const errorResponsesDeclared: LintRule = {
  id: 'error-responses-declared',
  severity: 'warn',
  owasp: 'API8:2023',
  cwe: null,
  title: 'Operations declare error responses',
  description:
    'Operations that document only success leave error bodies undefined: implementations then leak stack traces and internals in them, and contract tests cannot tell a proper error from a leak.',
  fix: 'Declare the 4xx responses the operation returns (at least 400 or 422 for invalid input) and a `5XX` or `default` response with an error schema such as RFC 9457 problem+json.',
  given: OPERATIONS,
  overlaps: ['owasp:api8:2023-define-error-validation', 'owasp:api8:2023-define-error-responses-500'],
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op) return [];
    const codes = responseCodes(op);
    if (codes.some((c) => /^[45]/.test(c) || c === 'default')) return [];
    return [{ message: `${op.method.toUpperCase()} ${op.pathKey} declares no error response (4xx, 5xx or default).`, path: [...op.at, 'responses'] }];
  },
  vectors: {
    fire: [{ document: vectorSpec({ '/a': { get: { responses: { 200: ok } } } }), at: ["$.paths['/a'].get.responses"] }],
    pass: [vectorSpec({ '/a': { get: { responses: { 200: ok, default: ok } } } }), vectorSpec({ '/a': { get: { responses: { 200: ok, 404: ok } } } })],
  },
};

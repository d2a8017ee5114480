import type { LintRule } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { effectiveSecurity, operationAt, WRITE_METHODS } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

const schemes = { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } };

/** Every operation requires authentication, or says it is public with `security: []`. */
export const operationSecurity: LintRule = {
  id: 'operation-security',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-306',
  title: 'Every operation is secured or explicitly public',
  description:
    'An operation without a security requirement (its own or the document default) is callable without credentials. Public operations should say so with `security: []`, so that an omission is never mistaken for a decision.',
  fix: 'Add a `security` requirement (document-level default or per operation); mark deliberately public operations with `security: []`.',
  given: OPERATIONS,
  overlaps: ['owasp:api2:2023-write-restricted', 'owasp:api2:2023-read-restricted'],
  check(_target, { root, path }) {
    const op = operationAt(root, path);
    if (!op) return [];
    const sec = effectiveSecurity(root, op);
    if (sec.explicitPublic || (sec.requirements && sec.requirements.length > 0)) return [];
    const kind = WRITE_METHODS.has(op.method) || op.method === 'delete' ? 'Write operation' : 'Operation';
    return [{ message: `${kind} ${op.method.toUpperCase()} ${op.pathKey} has no security requirement and is not marked public (security: []).`, path: op.at }];
  },
  vectors: {
    fire: [{ document: vectorSpec({ '/a': { post: { responses: { 200: ok } } } }, schemes), at: ["$.paths['/a'].post"] }],
    pass: [
      vectorSpec({ '/a': { post: { security: [{ bearer: [] }], responses: { 200: ok } } } }, schemes),
      vectorSpec({ '/a': { get: { security: [], responses: { 200: ok } } } }, schemes),
      vectorSpec({ '/a': { get: { responses: { 200: ok } } } }, { ...schemes, security: [{ bearer: [] }] }),
      vectorSpec({ '/a': { get: { responses: { 200: ok } } } }, { ...schemes, security: [] }),
    ],
  },
};
